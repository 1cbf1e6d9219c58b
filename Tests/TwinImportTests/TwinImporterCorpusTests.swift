import Foundation
import Testing
import TwinDomain
@testable import TwinImport

/// Corpus files of the three schemas: the import must not fail or crash, and its floors and spaces
/// must be the storeys and spaces of IfcOpenShell's spatial tree (../shared/reference summaries).
@Suite struct TwinImporterCorpusTests {
    static let shared = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    static let files = ["IFC2X3/Duplex_A_20110907.ifc", "IFC4/AC20-FZK-Haus.ifc", "IFC4X3/wall_door_columnt_rgb4x3.ifc"]
    static var available: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/ifc/\(files[0])").path)
    }

    /// (storeys, spaces) in the reference summary's spatial tree.
    static func referenceCounts(_ file: String) throws -> (floors: Int, spaces: Int) {
        let url = shared.appendingPathComponent("reference/ifc/\(file).json.gz")
        let json = try gunzip(url)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let spatial = try #require(object["spatial"] as? [[String: Any]])
        let types = spatial.compactMap { $0["type"] as? String }
        return (types.filter { $0 == "IfcBuildingStorey" }.count, types.filter { $0 == "IfcSpace" }.count)
    }

    /// The summaries are gzip files; `gzip -dc` keeps the test free of a zlib binding.
    static func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    @Test(.enabled(if: available, "needs ../shared/corpus/ifc and ../shared/reference next to the repository"),
          arguments: files)
    func spatialCountsMatchTheReference(_ file: String) async throws {
        let url = Self.shared.appendingPathComponent("corpus/ifc/\(file)")
        #expect(try ImportSniffer.sniff(fileAt: url) == .ifcSTEP)
        let counter = Counter()
        let batch = try await TwinImporter(extractGeometry: true).importFile(
            at: url, format: .ifcSTEP, rules: .default, progress: { _, _ in }) { chunk in await counter.add(chunk.count) }
        let reference = try Self.referenceCounts(file)
        let storeys = batch.floors.filter { $0.source.sourceType == "IfcBuildingStorey" }
        #expect(storeys.count == reference.floors, "\(file)")
        #expect(batch.spaces.count == reference.spaces, "\(file)")
        #expect(await counter.total == batch.fingerprints.count)
        let checked = batch.validated()
        #expect(checked.spaces.count == batch.spaces.count, "\(file): \(checked.messages.filter { $0.severity == .error }.prefix(3))")
        #expect(checked.floors.count == batch.floors.count)
    }

    /// Every corpus IFC up to 3 MB (all with ATRIUM_IFC_LARGE=1): imported or refused with an
    /// ImportError, never a crash; where a reference summary exists, storeys and spaces match it.
    @Test(.enabled(if: available, "needs ../shared/corpus/ifc next to the repository"))
    func wholeCorpusImportsOrFailsCleanly() async throws {
        let large = ProcessInfo.processInfo.environment["ATRIUM_IFC_LARGE"] == "1"
        let root = Self.shared.appendingPathComponent("corpus/ifc")
        let urls = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey])?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension.lowercased() == "ifc" }
            .filter { large || ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) <= 3_000_000 }
            .sorted { $0.path < $1.path }
        var imported = 0
        for url in urls {
            let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
            do {
                let batch = try await TwinImporter(extractGeometry: false).importFile(
                    at: url, format: try ImportSniffer.sniff(fileAt: url), rules: .default, progress: { _, _ in }) { _ in }
                imported += 1
                if let reference = try? Self.referenceCounts(relative) {
                    #expect(batch.floors.filter { $0.source.sourceType == "IfcBuildingStorey" }.count == reference.floors, "\(relative)")
                    #expect(batch.spaces.count == reference.spaces, "\(relative)")
                }
            } catch {
                #expect(error.isClientError, "\(relative): \(error)")
            }
        }
        #expect(imported > 0)
    }

    actor Counter {
        var total = 0
        func add(_ n: Int) { total += n }
    }
}
