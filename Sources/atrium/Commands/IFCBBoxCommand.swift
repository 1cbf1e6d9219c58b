import ArgumentParser
import Foundation
import IFC
import IFCGeometry

/// `atrium ifc bbox FILE [--json]`: world bounding boxes in metres per product GlobalId, as the
/// importer stores them. `--json` prints {GlobalId: [minx, miny, minz, maxx, maxy, maxz]}; the plain listing
/// also gives type and triangle count (0 for alignment axes, which have a box but no mesh).
struct IFCBBoxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bbox",
        abstract: "Print each product's world bounding box (metres, IFC axes)."
    )

    @Argument(help: "The IFC file to read (.ifc, gzip or .ifczip).")
    var file: String

    @Flag(help: "Print {GlobalId: [minx, miny, minz, maxx, maxy, maxz]}.")
    var json = false

    func run() async throws {
        let model = try IFCGeometryCLI.open(file, command: "bbox")
        let result = await IFCGeometryExtractor(model: model).extract()
        if json {
            var object: [String: [Double]] = [:]
            for (id, b) in result.boundingBoxes() {
                object[id] = [b.min.x, b.min.y, b.min.z, b.max.x, b.max.y, b.max.z].map { ($0 * 1e6).rounded() / 1e6 + 0 }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        func f(_ v: Double) -> String { String(format: "%.3f", v) }
        for p in result.products {
            let b = p.bounds
            print("\(p.globalId)  \(p.ifcType)  \(p.triangleCount)  [\(f(b.min.x)), \(f(b.min.y)), \(f(b.min.z))] – "
                + "[\(f(b.max.x)), \(f(b.max.y)), \(f(b.max.z))]  \(p.name ?? "")")
        }
        print("\(result.products.count) products with geometry, \(result.skipped.count) without")
    }
}
