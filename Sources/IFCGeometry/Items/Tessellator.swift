/// Turns geometry items into meshes. A value type with no shared mutable
/// state: many products can be tessellated concurrently with the same
/// tessellator. Nested mapped items are bounded in depth and cycles are
/// detected, so hostile files degrade into diagnostics.
public struct Tessellator: Sendable {
    public var settings: TessellationSettings
    public var maps: [Int: RepresentationMap]

    public init(settings: TessellationSettings = .init(), maps: [Int: RepresentationMap] = [:]) {
        self.settings = settings
        self.maps = maps
    }

    public struct Output: Sendable {
        public var mesh: Mesh
        public var diagnostics: [GeometryDiagnostic]
    }

    public func mesh(for items: [GeometryItem]) -> Output {
        var diagnostics: [GeometryDiagnostic] = []
        var mesh = Mesh()
        var visiting: Set<Int> = []
        for item in items {
            mesh.append(tessellate(item, depth: 0, visiting: &visiting, entity: nil, diagnostics: &diagnostics))
        }
        return Output(mesh: mesh, diagnostics: diagnostics)
    }

    public func mesh(for item: GeometryItem) -> Output { mesh(for: [item]) }

    /// Mesh of one representation map in the map's own coordinates (for instancing).
    public func mesh(forMap id: Int) -> Output {
        guard let map = maps[id] else {
            return Output(mesh: Mesh(), diagnostics: [.init(.error, "mapped.missing", "representation map \(id) not found")])
        }
        var diagnostics: [GeometryDiagnostic] = []
        var visiting: Set<Int> = [id]
        var mesh = Mesh()
        for item in map.items {
            mesh.append(tessellate(item, depth: 1, visiting: &visiting, entity: nil, diagnostics: &diagnostics))
        }
        return Output(mesh: mesh, diagnostics: diagnostics)
    }

    func tessellate(_ item: GeometryItem, depth: Int, visiting: inout Set<Int>, entity: Int?,
                    diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        guard depth <= settings.maxNestingDepth else {
            diagnostics.append(.init(.error, "item.depth", "geometry nesting deeper than \(settings.maxNestingDepth)", entity: entity))
            return Mesh()
        }
        var local: [GeometryDiagnostic] = []
        defer {
            diagnostics.append(contentsOf: local.map { d in
                var d = d
                if d.entity == nil { d.entity = entity }
                return d
            })
        }
        switch item {
        case .tagged(let id, let inner):
            return tessellate(inner, depth: depth, visiting: &visiting, entity: id, diagnostics: &local)
        case .extrudedAreaSolid(let profile, let position, let direction, let depth):
            guard position.isFinite else { local.append(.init(.error, "item.placement", "non-finite placement")); return Mesh() }
            let polys = profile.polygons(settings, diagnostics: &local)
            return Extrusion.mesh(polygons: polys, direction: direction, depth: depth, diagnostics: &local)
                .transformed(by: position)
        case .revolvedAreaSolid(let profile, let position, let origin, let axis, let angle):
            let polys = profile.polygons(settings, diagnostics: &local)
            return Revolution.mesh(polygons: polys, axisOrigin: origin, axisDirection: axis, angle: angle,
                                   settings: settings, diagnostics: &local).transformed(by: position)
        case .sweptDiskSolid(let directrix, let radius, let inner):
            return SweptDisk.mesh(directrix: directrix, radius: radius, innerRadius: inner, settings: settings,
                                  diagnostics: &local)
        case .facetedBrep(let faces, let voids):
            return FaceSetMesher.brep(outer: faces, voids: voids, diagnostics: &local)
        case .faces(let faces):
            return FaceSetMesher.mesh(faces: faces, diagnostics: &local)
        case .triangulatedFaceSet(let set):
            return set.mesh(diagnostics: &local)
        case .polygonalFaceSet(let set):
            return set.mesh(diagnostics: &local)
        case .block(let position, let x, let y, let z):
            let profile = ProfileDefinition.parametric(.rectangle(xDim: x, yDim: y),
                                                       position: Transform2D(location: Vec2(x / 2, y / 2)))
            let polys = profile.polygons(settings, diagnostics: &local)
            return Extrusion.mesh(polygons: polys, direction: .unitZ, depth: z, diagnostics: &local).transformed(by: position)
        case .halfSpace:
            local.append(.init(.warning, "halfspace.unbounded", "half-space outside a boolean ignored (unbounded)"))
            return Mesh()
        case .boolean(let op, let first, let second):
            let a = tessellate(first, depth: depth + 1, visiting: &visiting, entity: entity, diagnostics: &local)
            return boolean(op, a, second, depth: depth, visiting: &visiting, entity: entity, diagnostics: &local)
        case .mapped(let id, let transform):
            guard transform.isFinite, abs(transform.determinant) > 1e-18 else {
                local.append(.init(.error, "mapped.transform", "mapped item transform is singular or non-finite"))
                return Mesh()
            }
            guard let map = maps[id] else {
                local.append(.init(.error, "mapped.missing", "representation map \(id) not found"))
                return Mesh()
            }
            guard visiting.insert(id).inserted else {
                local.append(.init(.error, "mapped.cycle", "representation map \(id) maps itself (cycle)"))
                return Mesh()
            }
            defer { visiting.remove(id) }
            var m = Mesh()
            for inner in map.items {
                m.append(tessellate(inner, depth: depth + 1, visiting: &visiting, entity: entity, diagnostics: &local))
            }
            return m.transformed(by: transform)
        case .transformed(let inner, let transform):
            guard transform.isFinite else { local.append(.init(.error, "item.placement", "non-finite transform")); return Mesh() }
            return tessellate(inner, depth: depth + 1, visiting: &visiting, entity: entity, diagnostics: &local)
                .transformed(by: transform)
        case .group(let items):
            var m = Mesh()
            for inner in items {
                m.append(tessellate(inner, depth: depth + 1, visiting: &visiting, entity: entity, diagnostics: &local))
            }
            return m
        }
    }

    func boolean(_ op: MeshBoolean.Operation, _ a: Mesh, _ second: GeometryItem, depth: Int, visiting: inout Set<Int>,
                 entity: Int?, diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        var operand = second
        while case .tagged(_, let inner) = operand { operand = inner }
        if case .halfSpace(let hs) = operand {
            if a.isEmpty { return a }
            let material = hs.materialPlane
            guard let boundary = hs.boundary else {
                switch op {
                case .difference: return HalfSpaceClipper.clip(a, keepingBelow: material.flipped, diagnostics: &diagnostics)
                case .intersection: return HalfSpaceClipper.clip(a, keepingBelow: material, diagnostics: &diagnostics)
                case .union: return a
                }
            }
            // Bounded: removal solid = boundary prism (long enough to cover the host) ∩ half-space.
            guard let inv = hs.boundaryPosition.inverse else {
                diagnostics.append(.init(.warning, "halfspace.position", "singular boundary position; boolean skipped"))
                return a
            }
            let local = a.bounds.transformed(by: inv)
            let margin = max(local.size.z, 1) * 0.5 + 1
            let z0 = local.min.z - margin, z1 = local.max.z + margin
            var prism = Extrusion.mesh(polygons: [Polygon2D(outer: boundary).normalized()], direction: .unitZ, depth: z1 - z0,
                                       diagnostics: &diagnostics)
            prism = prism.transformed(by: hs.boundaryPosition.concatenating(.translation(Vec3(0, 0, z0))))
            let removal = HalfSpaceClipper.clip(prism, keepingBelow: material, diagnostics: &diagnostics)
            if op == .intersection {
                return MeshBoolean.apply(.intersection, a, removal, settings: settings, diagnostics: &diagnostics)
            }
            return op == .difference ? MeshBoolean.apply(.difference, a, removal, settings: settings, diagnostics: &diagnostics) : a
        }
        let b = tessellate(second, depth: depth + 1, visiting: &visiting, entity: entity, diagnostics: &diagnostics)
        return MeshBoolean.apply(op, a, b, settings: settings, diagnostics: &diagnostics)
    }
}
