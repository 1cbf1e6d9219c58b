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
        var imported = 0, checked = 0, componentsSeen = 0
        for url in urls {
            let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
            do {
                let batch = try await TwinImporter(extractGeometry: false).importFile(
                    at: url, format: try ImportSniffer.sniff(fileAt: url), rules: .default, progress: { _, _ in }) { _ in }
                imported += 1
                if let reference = try? Self.referenceCounts(relative) {
                    #expect(batch.floors.filter { $0.source.sourceType == "IfcBuildingStorey" }.count == reference.floors, "\(relative)")
                    #expect(batch.spaces.count == reference.spaces, "\(relative)")
                    if let elements = try? Self.referenceElements(relative) {
                        Self.expectComponentsAreAssets(batch, elements, relative)
                        checked += 1
                        componentsSeen += batch.assets.count
                    }
                }
            } catch {
                #expect(error.isClientError, "\(relative): \(error)")
            }
        }
        #expect(imported > 0)
        #expect(checked > 0 && componentsSeen > 0, "the component check ran on \(checked) files")
        print("corpus component check: \(checked) files, \(componentsSeen) assets")
    }

    /// (GlobalId, IFC class) of every product in IfcOpenShell's summary.
    static func referenceElements(_ file: String) throws -> [(id: String, type: String)] {
        let json = try gunzip(shared.appendingPathComponent("reference/ifc/\(file).json.gz"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let elements = try #require(object["elements"] as? [[String: Any]])
        return elements.compactMap { e in (e["id"] as? String).flatMap { id in (e["type"] as? String).map { (id, $0) } } }
    }

    /// Building fabric: never an asset, whatever the rules say.
    static let fabric = ["IfcWall", "IfcSlab", "IfcBeam", "IfcColumn", "IfcCovering", "IfcOpeningElement", "IfcRoof", "IfcStair",
                         "IfcStairFlight", "IfcRamp", "IfcRampFlight", "IfcRailing", "IfcMember", "IfcPlate", "IfcCurtainWall",
                         "IfcFooting", "IfcPile"]

    /// Against IfcOpenShell's element list (independent of Atrium's reader): every element COBie
    /// would list as a component is an asset, every asset is a product IfcOpenShell knows, no
    /// building fabric is one, and an asset COBie would not list was chosen by a rule.
    static func expectComponentsAreAssets(_ batch: ImportBatch, _ elements: [(id: String, type: String)], _ file: String) {
        let exclusions = COBieIFCMapper.standardExclusions
        var typeByID: [String: String] = [:]
        for element in elements { typeByID[element.id] = element.type }
        let components = Set(elements.filter { element in
            let chain = EntityNames.chain(of: element.type)
            return chain.contains("IfcElement") && !exclusions.contains(where: chain.contains)
        }.map(\.id))
        let assets = Dictionary(batch.assets.compactMap { a in a.source.ifcGlobalID.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let missing = components.subtracting(assets.keys)
        #expect(missing.isEmpty, "\(file): \(missing.count) components are not assets, e.g. \(missing.prefix(3).map { "\($0) \(typeByID[$0] ?? "?")" })")
        for (id, asset) in assets {
            guard let type = typeByID[id] else {
                Issue.record("\(file): asset \(id) is no product in the reference")
                continue
            }
            let chain = EntityNames.chain(of: type)
            #expect(!fabric.contains(where: chain.contains), "\(file): \(type) \(id) is building fabric but became \(asset.kind.rawValue)")
            if !components.contains(id) {
                #expect(asset.classifiedBy != IFCBatchBuilder.componentRuleID, "\(file): \(type) \(id) is no component yet became one")
            }
        }
    }

    actor Counter {
        var total = 0
        func add(_ n: Int) { total += n }
    }
}

/// The COBie corpus: a workbook's Component sheet is the owner's asset register, so each of its
/// rows becomes an asset (against the independent reading in ../shared/reference/cobie).
@Suite struct COBieCorpusAssetTests {
    static let root = TwinImporterCorpusTests.shared.appendingPathComponent("corpus/cobie")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    @Test(.enabled(if: available, "needs ../shared/corpus/cobie and ../shared/reference next to the repository"))
    func everyComponentRowIsAnAsset() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.path)
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xml") }.sorted()
        var compared = 0
        for file in files {
            let reference = TwinImporterCorpusTests.shared.appendingPathComponent("reference/cobie/\(file).json")
            guard let data = try? Data(contentsOf: reference),
                  let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let sheets = object["sheets"] as? [[String: Any]] else { continue }
            let rows = sheets.first { ($0["name"] as? String) == "Component" }?["rows"] as? Int ?? 0
            let url = Self.root.appendingPathComponent(file)
            let batch: ImportBatch
            do {
                batch = try await TwinImporter(extractGeometry: false).importFile(
                    at: url, format: try ImportSniffer.sniff(fileAt: url), rules: .default, progress: { _, _ in }) { _ in }
            } catch {
                // Templates and deliberately broken workbooks may be refused; cleanly, never a crash.
                #expect(error.isClientError, "\(file): \(error)")
                continue
            }
            let components = batch.assets.filter { $0.source.sourceType == "Component" }
            #expect(components.count == rows, "\(file): \(rows) Component rows, \(components.count) assets")
            let kinds = Dictionary(grouping: components, by: \.kind).mapValues(\.count)
            #expect(batch.counts["assets"] == batch.assets.count)
            print("\(file): \(rows) components → \(kinds.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))")
            compared += 1
        }
        #expect(compared > 0)
    }
}
