import Foundation
import IFC
import STEP
import Testing

/// Compares `IFCInspection` with IfcOpenShell's summaries in ../shared/reference/ifc for every corpus file.
@Suite struct IFCFidelityTests {
    static let shared: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference/ifc").path)
    }
    /// Files above this size run only in release builds or with ATRIUM_IFC_LARGE=1 (debug is ~10× slower).
    static let debugSizeLimit = 10_000_000

    static func referenceFiles() -> [URL] {
        let root = shared.appendingPathComponent("reference/ifc")
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(".json.gz") }
            .sorted { $0.path < $1.path }
    }

    static func gunzip(_ url: URL) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    @Test(.enabled(if: IFCFidelityTests.hasShared, "needs ../shared/reference/ifc and ../shared/corpus/ifc next to the package"))
    func everyReferencedFileMatchesIfcOpenShell() throws {
        var identical = 0
        var compared = 0
        var lines: [String] = []
        #if DEBUG
        let large = ProcessInfo.processInfo.environment["ATRIUM_IFC_LARGE"] == "1"
        #else
        let large = true
        #endif
        for ref in Self.referenceFiles() {
            let relative = ref.path.replacingOccurrences(of: Self.shared.path + "/reference/ifc/", with: "")
            let ifcPath = Self.shared.appendingPathComponent("corpus/ifc/" + String(relative.dropLast(8)))
            let size = (try? FileManager.default.attributesOfItem(atPath: ifcPath.path)[.size] as? Int) ?? 0
            if size > Self.debugSizeLimit, !large {
                lines.append("SKIP \(relative) (\(size / 1_000_000) MB; run in release or with ATRIUM_IFC_LARGE=1)")
                continue
            }
            guard let expected = try JSONSerialization.jsonObject(with: Self.gunzip(ref)) as? [String: Any] else {
                Issue.record("unreadable reference \(relative)")
                continue
            }
            compared += 1
            let model = try IFCModel(contentsOf: ifcPath)
            let report = IFCInspection.report(for: model)
            var excused: [String] = []
            let difference = IFCReferenceComparison.firstDifference(
                expected: expected, actual: report, excusedOrigins: IFCReferenceComparison.linearlyPlaced(model),
                excused: &excused)
            if let difference {
                lines.append("DIFF \(relative): \(difference)")
                Issue.record("\(relative): \(difference)")
            } else if !excused.isEmpty {
                lines.append("GAP  \(relative): \(excused.count) origins past skewed vertical arcs, e.g. \(excused.sorted()[0])")
                withKnownIssue("IfcOpenShell 0.9 mis-measures vertical arcs whose parent circle does not start at ±90°") {
                    Issue.record("\(relative): \(excused.sorted()[0])")
                }
            } else {
                identical += 1
                lines.append("OK   \(relative)")
            }
        }
        lines.append("fidelity: \(identical)/\(compared) files identical to IfcOpenShell")
        print(lines.joined(separator: "\n"))
        #expect(compared > 0)
    }
}
