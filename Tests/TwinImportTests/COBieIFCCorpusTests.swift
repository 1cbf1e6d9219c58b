import COBie
import Foundation
import IFC
import Testing
@testable import TwinImport

/// The mapper on every IFC in ../shared/corpus/ifc (not COBie deliveries: ordinary design models in
/// IFC2X3, IFC4 and IFC4X3) must not crash and must produce a self-consistent COBie model.
@Suite struct COBieIFCCorpusTests {
    static let corpus: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus/ifc")
    /// Debug builds parse ~10× slower; larger files run with ATRIUM_IFC_LARGE=1.
    static var sizeLimit: Int { ProcessInfo.processInfo.environment["ATRIUM_IFC_LARGE"] == "1" ? .max : 3_000_000 }

    static var files: [URL] {
        guard let e = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: [.fileSizeKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where url.pathExtension.lowercased() == "ifc" {
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            if size <= sizeLimit { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    @Test(.enabled(if: !files.isEmpty, "needs ../shared/corpus/ifc next to the repository"))
    func everyCorpusFileMapsConsistently() throws {
        var mapped = 0
        for url in Self.files {
            guard let ifc = try? IFCModel(contentsOf: url) else { continue }  // unsupported schema: IFC's own tests cover it
            let m = COBieIFCMapper().map(ifc).model
            let file = url.lastPathComponent
            let excluded = ["IfcWall", "IfcWallStandardCase", "IfcSlab", "IfcOpeningElement", "IfcBeam", "IfcColumn",
                            "IfcRoof", "IfcCovering", "IfcFlowSegment", "IfcPipeSegment", "IfcDuctSegment"]
            let wrong = m.components.filter { excluded.contains($0.external.object.value ?? "") }.map(\.name)
            #expect(wrong.isEmpty, "\(file): structure or runs taken as components: \(wrong.prefix(5))")
            let components = Set(m.components.map(\.name)), spaces = Set(m.spaces.map(\.name))
            let types = Set(m.types.map(\.name)), floors = Set(m.floors.map(\.name))
            #expect(m.systems.allSatisfy { ($0.componentNames.value ?? []).allSatisfy(components.contains) }, "\(file)")
            #expect(m.zones.allSatisfy { ($0.spaceNames.value ?? []).allSatisfy(spaces.contains) }, "\(file)")
            #expect(m.components.allSatisfy { $0.typeName.value.map(types.contains) ?? true }, "\(file)")
            #expect(m.spaces.allSatisfy { $0.floorName.value.map(floors.contains) ?? true }, "\(file)")
            mapped += 1
        }
        #expect(mapped > 10)
    }
}
