import Foundation
import IFC

/// Entry point from an `IFCModel` to geometry: picks each product's body representation, maps it to
/// kernel items, tessellates on every core, cuts openings, resolves colours and returns a
/// `GeometryScene` plus per-product world boxes.
///
/// Three phases: a short sequential one (placements need the resolver's cache; the representation
/// maps used by mapped items are collected), then representation maps tessellated once in parallel
/// (they become shared, instanced meshes), then products in parallel.
public struct IFCGeometryExtractor: Sendable {
    public let model: IFCModel
    public var settings: TessellationSettings
    /// Worker tasks; defaults to the active cores.
    public var concurrency: Int
    /// Mapped items of products without openings stay instances of one shared mesh; false bakes them.
    public var instancing = true

    public init(model: IFCModel, settings: TessellationSettings = .init(),
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.model = model
        self.settings = settings
        self.concurrency = max(1, concurrency)
    }

    /// Identifiers of representations that describe the solid, best first.
    static let preferredIdentifiers = ["Body", "Facetation", "Mesh"]
    /// Representations used only when a product has nothing else.
    static let lastResortIdentifiers: Set<String> = ["Axis", "FootPrint", "Box", "Annotation", "Profile", "Reference"]
    /// Representation types that never hold a solid or surface.
    static let flatTypes: Set<String> = ["Curve2D", "Annotation2D", "Point", "PointCloud", "GeometricCurveSet", "Curve",
                                         "Curve3D", "Curve2D3D"]

    public func extract() async -> IFCGeometryResult {
        let mapper = IFCItemMapper(model: model, settings: settings)
        let styles = IFCStyleIndex(model: model)
        var resolver = IFCPlacementResolver(model: model)
        var jobs: [ProductJob] = []
        var diagnostics: [GeometryDiagnostic] = []
        var mapIndex: [STEPInstanceID: Int] = [:]
        var maps: [STEPInstanceID] = []
        var curveOnly: [(STEPInstanceID, String, BoundingBox)] = []

        func world(_ product: STEPInstanceID) -> Transform3D? {
            guard let placement = model.reference(product, "ObjectPlacement") else { return .identity }
            switch resolver.world(placement) {
            case .success(let m): return Self.transform(m, scale: mapper.scale)
            case .failure: return nil
            }
        }

        for product in model.instances(of: "IfcProduct") {
            if model.isA(product, "IfcFeatureElementSubtraction") { continue }
            let items = Self.bodyItems(of: product, model: model)
            let hasShape = model.reference(product, "Representation") != nil
            guard hasShape, let gid = model.globalID(of: product) else { continue }
            let solid = items.contains { !IFCItemMapper.nonSolidItems.contains(model.typeName(of: $0) ?? "") }
            if items.isEmpty || !solid {
                if let w = world(product), let box = Self.curveBounds(of: product, model: model, world: w, scale: mapper.scale) {
                    curveOnly.append((product, gid, box))
                }
                continue
            }
            guard let w = world(product) else {
                diagnostics.append(.init(.error, "product.placement", "\(gid): placement cannot be resolved", entity: product.rawValue))
                continue
            }
            var openings: [(STEPInstanceID, Transform3D)] = []
            for o in styles.openings[product] ?? [] {
                guard let wo = world(o), let inv = w.inverse else { continue }
                openings.append((o, inv.concatenating(wo)))
            }
            if instancing, openings.isEmpty {
                for item in items where model.typeName(of: item) == "IfcMappedItem" {
                    guard let map = model.reference(item, "MappingSource"), mapIndex[map] == nil else { continue }
                    mapIndex[map] = maps.count
                    maps.append(map)
                }
            }
            jobs.append(ProductJob(id: product, globalId: gid, items: items, world: w, openings: openings))
        }

        let workers = Workers(mapper: mapper, styles: styles, settings: settings)
        let mapMeshes: [[MapPart]] = await Self.parallel(maps, concurrency: concurrency, chunk: 8) { slice in
            var state = IFCMapState()
            return slice.map { workers.mapParts($0, &state) }
        }
        let shared = SharedMaps(index: mapIndex, parts: mapMeshes)
        let outputs: [ProductOutput] = await Self.parallel(jobs, concurrency: concurrency, chunk: 16) { slice in
            var state = IFCMapState()
            return slice.map { workers.product($0, shared: shared, instancing: instancing, &state) }
        }
        diagnostics.append(contentsOf: mapMeshes.flatMap { $0.flatMap(\.diagnostics) }.prefix(200))
        var result = Self.assemble(jobs: jobs, outputs: outputs, shared: shared, diagnostics: diagnostics)
        for (id, gid, box) in curveOnly {
            var out = ProductOutput()
            workers.containers(of: id, into: &out)
            result.products.append(IFCProductGeometry(
                stepID: id, globalId: gid, ifcType: model.typeName(of: id) ?? "IfcProduct", name: model.string(id, "Name"),
                container: out.container, containerGlobalId: out.containerGlobalId, bounds: box, triangleCount: 0))
        }
        return result
    }

    /// World box of a product whose only shape is an alignment axis (IFC4X3 curve segments, gradient
    /// curves): boxes for the importer, no triangles for the GLB.
    static func curveBounds(of product: STEPInstanceID, model: IFCModel, world: Transform3D, scale: Double) -> BoundingBox? {
        guard let shape = model.reference(product, "Representation") else { return nil }
        var box = BoundingBox.empty
        for rep in model.references(shape, "Representations").prefix(16) {
            for item in model.references(rep, "Items").prefix(1024) {
                guard let pts = model.alignmentCurvePoints(item) else { continue }
                for p in pts { box.include(world.apply(Vec3(p.x * scale, p.y * scale, p.z * scale))) }
            }
            if !box.isEmpty { break }
        }
        return box.isEmpty || !box.min.isFinite || !box.max.isFinite ? nil : box
    }

    /// IFCMatrix4 (project units) → Transform3D in metres.
    static func transform(_ m: IFCMatrix4, scale: Double) -> Transform3D {
        Transform3D(xAxis: Vec3(m[0, 0], m[1, 0], m[2, 0]), yAxis: Vec3(m[0, 1], m[1, 1], m[2, 1]),
                    zAxis: Vec3(m[0, 2], m[1, 2], m[2, 2]), translation: Vec3(m[0, 3], m[1, 3], m[2, 3]) * scale)
    }

    /// Items of the product's body: 'Body', else 'Facetation', 'Mesh', any other 3D representation,
    /// and only then axis/footprint/box representations.
    static func bodyItems(of product: STEPInstanceID, model: IFCModel) -> [STEPInstanceID] {
        guard let shape = model.reference(product, "Representation") else { return [] }
        var best: (rank: Int, rep: STEPInstanceID)?
        for rep in model.references(shape, "Representations") {
            let a = model.attributes(of: rep, ["RepresentationIdentifier", "RepresentationType"])
            let identifier = a[0]?.asString ?? ""
            let repType = a[1]?.asString ?? ""
            if flatTypes.contains(repType) { continue }
            var rank: Int
            if let k = preferredIdentifiers.firstIndex(where: { $0.caseInsensitiveCompare(identifier) == .orderedSame }) {
                rank = k
            } else if lastResortIdentifiers.contains(identifier) {
                rank = 10
            } else {
                rank = 5
            }
            if best == nil || rank < best!.rank { best = (rank, rep) }
        }
        guard let rep = best?.rep else { return [] }
        return model.references(rep, "Items")
    }

    // MARK: Work units

    struct ProductJob: Sendable {
        var id: STEPInstanceID
        var globalId: String
        var items: [STEPInstanceID]
        var world: Transform3D
        /// Opening id and its transform relative to the host's placement.
        var openings: [(STEPInstanceID, Transform3D)]
    }

    /// One colour group of a tessellated representation map (nil material = take the product's).
    struct MapPart: Sendable {
        var material: GLBMaterial?
        var mesh: Mesh
        var diagnostics: [GeometryDiagnostic]
    }

    struct SharedMaps: Sendable {
        var index: [STEPInstanceID: Int]
        var parts: [[MapPart]]
    }

    struct ProductOutput: Sendable {
        /// Meshes in the product's own coordinates (placed by `ProductJob.world`).
        var local: [(GLBMaterial, Mesh)] = []
        /// Shared map parts: (map index, part index, placement, material).
        var instances: [(Int, Int, Transform3D, GLBMaterial)] = []
        var bounds = BoundingBox.empty
        var triangles = 0
        var diagnostics: [GeometryDiagnostic] = []
        var container: STEPInstanceID?
        var containers: [String] = []
        var containerGlobalId: String?
        var name: String?
        var ifcType = ""
    }

    /// Work-stealing parallel map over chunks, results in input order.
    static func parallel<T: Sendable, R: Sendable>(_ input: [T], concurrency: Int, chunk: Int,
                                                 _ body: @escaping @Sendable (ArraySlice<T>) -> [R]) async -> [R] {
        guard !input.isEmpty else { return [] }
        let size = max(1, chunk)
        let starts = Array(stride(from: 0, to: input.count, by: size))
        if concurrency <= 1 || starts.count == 1 { return body(input[...]) }
        return await withTaskGroup(of: (Int, [R]).self) { group in
            var next = 0
            func add() {
                guard next < starts.count else { return }
                let s = starts[next]
                let slice = input[s..<min(input.count, s + size)]
                let k = next
                group.addTask { (k, body(slice)) }
                next += 1
            }
            for _ in 0..<concurrency { add() }
            var parts = [[R]?](repeating: nil, count: starts.count)
            for await (k, r) in group {
                parts[k] = r
                add()
            }
            return parts.flatMap { $0 ?? [] }
        }
    }
}
