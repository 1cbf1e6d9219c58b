import IFC

extension IFCGeometryExtractor {
    /// The per-task work: pure functions of the model and the prebuilt indexes, so any number of
    /// tasks can run them at once (each with its own `IFCMapState`).
    struct Workers: Sendable {
        let mapper: IFCItemMapper
        let styles: IFCStyleIndex
        let tessellator: Tessellator

        init(mapper: IFCItemMapper, styles: IFCStyleIndex, settings: TessellationSettings) {
            self.mapper = mapper
            self.styles = styles
            tessellator = Tessellator(settings: settings)
        }

        var model: IFCModel { mapper.model }

        /// Style of an item; for a nested mapped item without its own style, the first styled item of its map.
        func colour(of item: STEPInstanceID) -> GLBMaterial? {
            if let c = styles.itemColour[item] { return c }
            guard model.typeName(of: item) == "IfcMappedItem", let map = model.reference(item, "MappingSource") else { return nil }
            for inner in mapper.mapItems(map).prefix(64) { if let c = styles.itemColour[inner] { return c } }
            return nil
        }

        /// A representation map tessellated once in its own coordinates, one part per colour.
        func mapParts(_ map: STEPInstanceID, _ state: inout IFCMapState) -> [MapPart] {
            state.reset(budget: 500_000)
            state.visiting.insert(map)
            var keys: [GLBMaterial?] = []
            var groups: [[GeometryItem]] = []
            for item in mapper.mapItems(map) {
                guard let g = mapper.item(item, depth: 1, &state) else { continue }
                let c = colour(of: item)
                if let k = keys.firstIndex(of: c) { groups[k].append(g) } else { keys.append(c); groups.append([g]) }
            }
            var parts: [MapPart] = []
            for (k, items) in groups.enumerated() {
                let out = tessellator.mesh(for: items)
                parts.append(MapPart(material: keys[k], mesh: out.mesh, diagnostics: k == 0 ? state.diagnostics + out.diagnostics : out.diagnostics))
            }
            return parts
        }

        func product(_ job: ProductJob, shared: SharedMaps, instancing: Bool, _ state: inout IFCMapState) -> ProductOutput {
            state.reset(budget: 500_000)
            var out = ProductOutput()
            out.ifcType = model.typeName(of: job.id) ?? "IfcProduct"
            out.name = model.string(job.id, "Name")
            containers(of: job.id, into: &out)
            let fallback = styles.materialColour(of: job.id, model: model) ?? IFCStyleIndex.defaultColour(forClass: out.ifcType)

            var keys: [GLBMaterial] = []
            var groups: [[GeometryItem]] = []
            for item in job.items {
                if instancing, job.openings.isEmpty, model.typeName(of: item) == "IfcMappedItem",
                   let map = model.reference(item, "MappingSource"), let k = shared.index[map] {
                    guard let (_, t) = mapper.mapping(item, &state) else { continue }
                    let placed = job.world.concatenating(t)
                    let override = styles.itemColour[item]
                    for (p, part) in shared.parts[k].enumerated() where !part.mesh.isEmpty {
                        out.instances.append((k, p, placed, override ?? part.material ?? fallback))
                    }
                    continue
                }
                guard let g = mapper.item(item, depth: 0, &state) else { continue }
                let c = colour(of: item) ?? fallback
                if let k = keys.firstIndex(of: c) { groups[k].append(g) } else { keys.append(c); groups.append([g]) }
            }
            var diagnostics = state.diagnostics
            var local: [(GLBMaterial, Mesh)] = []
            for (k, items) in groups.enumerated() {
                let t = tessellator.mesh(for: items)
                diagnostics.append(contentsOf: t.diagnostics)
                if !t.mesh.isEmpty { local.append((keys[k], t.mesh)) }
            }
            if !job.openings.isEmpty, !local.isEmpty {
                for (opening, relative) in job.openings {
                    state.reset(budget: 100_000)
                    let items = IFCGeometryExtractor.bodyItems(of: opening, model: model)
                        .compactMap { mapper.item($0, depth: 0, &state) }
                    guard !items.isEmpty else { continue }
                    let cutter = tessellator.mesh(for: items).mesh.transformed(by: relative)
                    guard !cutter.isEmpty else { continue }
                    for i in local.indices {
                        local[i].1 = MeshBoolean.apply(.difference, local[i].1, cutter, settings: tessellator.settings,
                                                      diagnostics: &diagnostics)
                    }
                }
            }
            out.local = local.filter { !$0.1.isEmpty }
            var box = BoundingBox.empty
            for (_, mesh) in out.local {
                include(mesh, job.world, &box)
                out.triangles += mesh.triangleCount
            }
            for (k, p, t, _) in out.instances {
                let mesh = shared.parts[k][p].mesh
                include(mesh, t, &box)
                out.triangles += mesh.triangleCount
            }
            out.bounds = box
            if box.isEmpty, diagnostics.isEmpty {
                diagnostics.append(.init(.warning, "product.empty", "\(job.globalId): representation gave no geometry",
                                         entity: job.id.rawValue))
            }
            out.diagnostics = Array(diagnostics.prefix(16))
            return out
        }

        func include(_ mesh: Mesh, _ t: Transform3D, _ box: inout BoundingBox) {
            let p = mesh.positions
            var i = 0
            var lo = box.min, hi = box.max
            while i + 2 < p.count {
                let v = t.apply(Vec3(p[i], p[i + 1], p[i + 2]))
                if v.isFinite {
                    lo = Vec3(Swift.min(lo.x, v.x), Swift.min(lo.y, v.y), Swift.min(lo.z, v.z))
                    hi = Vec3(Swift.max(hi.x, v.x), Swift.max(hi.y, v.y), Swift.max(hi.z, v.z))
                }
                i += 3
            }
            box = BoundingBox(min: lo, max: hi)
        }

        /// Direct container and the spatial elements above it (GlobalIds), so a storey selection
        /// also finds products placed in its spaces.
        func containers(of product: STEPInstanceID, into out: inout ProductOutput) {
            guard let c = model.container(of: product) else { return }
            out.container = c
            out.containerGlobalId = model.globalID(of: c)
            var cursor: STEPInstanceID? = c
            var seen: Set<STEPInstanceID> = []
            while let s = cursor, seen.insert(s).inserted, seen.count < 32 {
                if let g = model.globalID(of: s) { out.containers.append(g) }
                cursor = model.parent(of: s)
            }
        }
    }

    static func assemble(jobs: [ProductJob], outputs: [ProductOutput], shared: SharedMaps,
                         diagnostics initial: [GeometryDiagnostic]) -> IFCGeometryResult {
        var scene = GeometryScene()
        var materialIDs: [GLBMaterial: Int] = [:]
        var sharedIDs: [[Int?]] = shared.parts.map { [Int?](repeating: nil, count: $0.count) }
        var nextMesh = 0
        var products: [IFCProductGeometry] = []
        var skipped: [String] = []
        var diagnostics = initial
        func material(_ m: GLBMaterial) -> Int {
            if let id = materialIDs[m] { return id }
            let id = materialIDs.count
            materialIDs[m] = id
            scene.materials[id] = m
            return id
        }
        for (job, out) in zip(jobs, outputs) {
            if diagnostics.count < 2000 { diagnostics.append(contentsOf: out.diagnostics) }
            var instances: [GeometryProduct.Instance] = []
            for (mat, mesh) in out.local {
                scene.meshes[nextMesh] = mesh
                instances.append(.init(meshID: nextMesh, transform: job.world, materialID: material(mat)))
                nextMesh += 1
            }
            for (k, p, t, mat) in out.instances {
                let id: Int
                if let known = sharedIDs[k][p] {
                    id = known
                } else {
                    id = nextMesh
                    nextMesh += 1
                    sharedIDs[k][p] = id
                    scene.meshes[id] = shared.parts[k][p].mesh
                }
                instances.append(.init(meshID: id, transform: t, materialID: material(mat)))
            }
            guard !instances.isEmpty, !out.bounds.isEmpty else {
                skipped.append(job.globalId)
                continue
            }
            scene.products.append(GeometryProduct(globalId: job.globalId, ifcType: out.ifcType, name: out.name,
                                                  instances: instances, bounds: out.bounds, containers: out.containers))
            products.append(IFCProductGeometry(stepID: job.id, globalId: job.globalId, ifcType: out.ifcType, name: out.name,
                                               container: out.container, containerGlobalId: out.containerGlobalId,
                                               bounds: out.bounds, triangleCount: out.triangles))
        }
        return IFCGeometryResult(scene: scene, products: products, skipped: skipped, diagnostics: diagnostics)
    }
}
