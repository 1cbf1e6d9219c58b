import ArgumentParser
import Foundation
import IFC
import IFCGeometry

/// `atrium ifc gltf FILE -o OUT.glb [--storey|--space|--product|--bbox] [--quantize]`: tessellates the
/// model on all cores and writes a glTF 2.0 binary with one node per product (extras carry the GlobalId).
/// Exit 1 when the file cannot be read or written, 2 when the selection matches nothing.
struct IFCGltfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gltf",
        abstract: "Write the model's geometry (world metres, Y-up) as GLB."
    )

    @Argument(help: "The IFC file to read (.ifc, gzip or .ifczip).")
    var file: String

    @Option(name: [.short, .customLong("output")], help: "The .glb file to write.")
    var output: String

    @Option(help: "Only products in this storey (GlobalId), including those in its spaces.")
    var storey: String?

    @Option(help: "Only products in this space (GlobalId).")
    var space: String?

    @Option(help: "Only this product (GlobalId); repeat for several.")
    var product: [String] = []

    @Option(help: "Only products whose box meets minx,miny,minz,maxx,maxy,maxz (metres, IFC axes).")
    var bbox: String?

    @Flag(help: "KHR_mesh_quantization: int16 positions, int8 normals (about half the size).")
    var quantize = false

    func validate() throws {
        let chosen = [storey != nil, space != nil, !product.isEmpty, bbox != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("use at most one of --storey, --space, --product, --bbox") }
        if let bbox { _ = try Self.parseBox(bbox) }
    }

    static func parseBox(_ text: String) throws -> BoundingBox {
        let v = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard v.count == 6, v.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw ValidationError("--bbox needs six numbers: minx,miny,minz,maxx,maxy,maxz")
        }
        let n = v.map { $0! }
        guard n[0] <= n[3], n[1] <= n[4], n[2] <= n[5] else { throw ValidationError("--bbox minimum exceeds maximum") }
        return BoundingBox(min: Vec3(n[0], n[1], n[2]), max: Vec3(n[3], n[4], n[5]))
    }

    func run() async throws {
        let model = try IFCGeometryCLI.open(file, command: "gltf")
        let result = await IFCGeometryExtractor(model: model).extract()
        let selection: SceneSelection
        if let storey { selection = .container(storey) } else if let space { selection = .container(space) }
        else if !product.isEmpty { selection = .products(Set(product)) }
        else if let bbox { selection = .boundingBox(try Self.parseBox(bbox)) }
        else { selection = .all }
        var options = GLBOptions()
        options.quantize = quantize
        let glb = result.glb(selection, options: options)
        let filtered = storey != nil || space != nil || !product.isEmpty || bbox != nil
        if filtered, glb.productCount == 0 {
            IFCGeometryCLI.fail("gltf", "the selection matches no product with geometry")
            throw ExitCode(2)
        }
        do {
            try Data(glb.data).write(to: URL(fileURLWithPath: output))
        } catch {
            IFCGeometryCLI.fail("gltf", "cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        // Stored = once per shared mesh; drawn = every instance, what a viewer renders.
        var drawn = 0
        for (p, info) in zip(result.scene.products, result.products) where selection.matches(p) { drawn += info.triangleCount }
        print("wrote \(output): \(glb.productCount) products, \(glb.meshCount) meshes, \(glb.triangleCount) triangles stored, "
            + "\(drawn) triangles drawn, \(glb.data.count) bytes; \(result.skipped.count) products without geometry, "
            + "\(errors) geometry errors")
    }
}
