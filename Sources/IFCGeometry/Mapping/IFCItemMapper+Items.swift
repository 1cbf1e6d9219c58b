import IFC

/// Representation items (solids, face sets, booleans, nested mapped items) → `GeometryItem`.
extension IFCItemMapper {
    /// Entities that carry no solid or surface (curves, annotation, text): skipped silently.
    static let nonSolidItems: Set<String> = [
        "IfcPolyline", "IfcCompositeCurve", "IfcTrimmedCurve", "IfcIndexedPolyCurve", "IfcCircle", "IfcLine",
        "IfcGeometricCurveSet", "IfcGeometricSet", "IfcCartesianPoint", "IfcTextLiteral", "IfcTextLiteralWithExtent",
        "IfcAnnotationFillArea", "IfcAnnotationCurveOccurrence", "IfcAnnotationSymbolOccurrence",
        "IfcAnnotationTextOccurrence", "IfcAnnotationFillAreaOccurrence", "IfcPoint", "IfcDirection", "IfcBSplineCurveWithKnots",
        "IfcRationalBSplineCurveWithKnots", "IfcAxis2Placement3D", "IfcAxis2Placement2D", "IfcStyledItem",
        "IfcPlanarExtent", "IfcOffsetCurve2D", "IfcOffsetCurve3D", "IfcEllipse", "IfcPolyLoop", "IfcCartesianPointList3D",
        "IfcCartesianPointList2D", "IfcGradientCurve", "IfcSegmentedReferenceCurve", "IfcAlignmentCurve", "IfcTextureMap", "IfcCurveSegment",
    ]

    func item(_ id: STEPInstanceID, depth: Int, _ state: inout IFCMapState) -> GeometryItem? {
        let t = type(id)
        if Self.nonSolidItems.contains(t) { return nil }
        guard enter(id, depth: depth, &state) else { return nil }
        defer { leave(id, &state) }
        guard let g = solid(id, t, depth: depth, &state) else { return nil }
        return .tagged(entity: id.rawValue, g)
    }

    private func solid(_ id: STEPInstanceID, _ t: String, depth: Int, _ state: inout IFCMapState) -> GeometryItem? {
        switch t {
        case "IfcExtrudedAreaSolid":
            let a = attrs(id, "SweptArea", "Position", "ExtrudedDirection", "Depth")
            guard let areaID = a[0]?.asReference, let profile = profile(areaID, depth: depth + 1, &state) else { return nil }
            guard let dir = direction3(a[2]?.asReference), let d = a[3]?.asDouble else {
                state.report(.error, "extrusion.attributes", "extrusion without direction or depth", id)
                return nil
            }
            return .extrudedAreaSolid(profile: profile, position: placement3(a[1]?.asReference, &state), direction: dir,
                                      depth: d * scale)
        case "IfcExtrudedAreaSolidTapered":
            let a = attrs(id, "SweptArea", "Position", "ExtrudedDirection", "Depth", "EndSweptArea")
            guard let startID = a[0]?.asReference, let endID = a[4]?.asReference,
                  let start = profile(startID, depth: depth + 1, &state), let end = profile(endID, depth: depth + 1, &state),
                  let dir = direction3(a[2]?.asReference)?.normalized, let d = a[3]?.asDouble, abs(d * scale) > 1e-9,
                  abs(dir.z) > 1e-9 else {
                state.report(.error, "extrusion.attributes", "tapered extrusion without usable profiles, direction or depth", id)
                return nil
            }
            guard let faces = loft(start, end, offset: dir * (d * scale), &state) else {
                state.report(.error, "taper.topology", "tapered extrusion profiles differ in rings", id)
                return nil
            }
            return .transformed(.facetedBrep(faces: faces, voids: []), placement3(a[1]?.asReference, &state))
        case "IfcRevolvedAreaSolid":
            let a = attrs(id, "SweptArea", "Position", "Axis", "Angle")
            guard let areaID = a[0]?.asReference, let profile = profile(areaID, depth: depth + 1, &state),
                  let axisID = a[2]?.asReference, let angle = a[3]?.asDouble else { return nil }
            let ax = attrs(axisID, "Location", "Axis")
            let origin = point3(ax[0]?.asReference, &state) ?? .zero
            let dir = direction3(ax[1]?.asReference) ?? .unitZ
            return .revolvedAreaSolid(profile: profile, position: placement3(a[1]?.asReference, &state), axisOrigin: origin,
                                      axisDirection: dir, angle: angle * angleScale)
        case "IfcSweptDiskSolid", "IfcSweptDiskSolidPolygonal":
            let a = attrs(id, "Directrix", "Radius", "InnerRadius")
            guard let c = a[0]?.asReference, let r = a[1]?.asDouble, let path = curve3(c, depth: depth + 1, &state) else {
                state.report(.error, "sweptdisk.directrix", "swept disk without usable directrix", id)
                return nil
            }
            let inner = a[2]?.asDouble.map { $0 * scale }
            return .sweptDiskSolid(directrix: path, radius: r * scale, innerRadius: inner.flatMap { $0 > 0 ? $0 : nil })
        case "IfcSurfaceCurveSweptAreaSolid", "IfcFixedReferenceSweptAreaSolid", "IfcDirectrixCurveSweptAreaSolid":
            // Exact for circular profiles centred on the directrix (ducts, pipes, elbows): a swept disk.
            let a = attrs(id, "SweptArea", "Position", "Directrix")
            guard let areaID = a[0]?.asReference, let directrix = a[2]?.asReference,
                  case .parametric(let shape, let position)? = profile(areaID, depth: depth + 1, &state) else {
                state.report(.error, "sweep.unsupported", "\(t) with a non-circular profile is not supported", id)
                return nil
            }
            let radius: Double, inner: Double?
            switch shape {
            case .circle(let r): radius = r; inner = nil
            case .circleHollow(let r, let w): radius = r; inner = r - w > 0 ? r - w : nil
            default:
                state.report(.error, "sweep.unsupported", "\(t) with a non-circular profile is not supported", id)
                return nil
            }
            if position.translation.length > 1e-6 {
                state.report(.warning, "sweep.approximated", "profile offset from the directrix ignored", id)
            }
            guard let path = curve3(directrix, depth: depth + 1, &state) else { return nil }
            return .transformed(.sweptDiskSolid(directrix: path, radius: radius, innerRadius: inner),
                                placement3(a[1]?.asReference, &state))
        case "IfcFacetedBrep", "IfcFacetedBrepWithVoids":
            guard let outer = model.reference(id, "Outer") else { return nil }
            let faces = shellFaces(outer, &state)
            var voids: [[[[Vec3]]]] = []
            if t == "IfcFacetedBrepWithVoids" {
                voids = model.references(id, "Voids").map { shellFaces($0, &state) }
            }
            return faces.isEmpty ? nil : .facetedBrep(faces: faces, voids: voids)
        case "IfcShellBasedSurfaceModel":
            let faces = model.references(id, "SbsmBoundary").flatMap { shellFaces($0, &state) }
            return faces.isEmpty ? nil : .faces(faces)
        case "IfcFaceBasedSurfaceModel":
            let faces = model.references(id, "FbsmFaces").flatMap { shellFaces($0, &state) }
            return faces.isEmpty ? nil : .faces(faces)
        case "IfcConnectedFaceSet", "IfcClosedShell", "IfcOpenShell":
            let faces = shellFaces(id, &state)
            return faces.isEmpty ? nil : .faces(faces)
        case "IfcTriangulatedFaceSet", "IfcTriangulatedIrregularNetwork":
            return triangulatedFaceSet(id, &state)
        case "IfcPolygonalFaceSet":
            return polygonalFaceSet(id, &state)
        case "IfcBooleanResult", "IfcBooleanClippingResult":
            let a = attrs(id, "Operator", "FirstOperand", "SecondOperand")
            let op: MeshBoolean.Operation
            switch a[0]?.asEnumeration {
            case "UNION": op = .union
            case "INTERSECTION": op = .intersection
            default: op = .difference
            }
            guard let firstID = a[1]?.asReference, let first = item(firstID, depth: depth + 1, &state) else { return nil }
            guard let secondID = a[2]?.asReference, let second = item(secondID, depth: depth + 1, &state) else {
                state.report(.warning, "boolean.operand", "second boolean operand unusable; first operand kept", id)
                return first
            }
            return .boolean(op, first, second)
        case "IfcHalfSpaceSolid", "IfcBoxedHalfSpace", "IfcPolygonalBoundedHalfSpace":
            let a = attrs(id, "BaseSurface", "AgreementFlag")
            guard let surface = a[0]?.asReference, type(surface) == "IfcPlane" else {
                state.report(.error, "halfspace.surface", "half-space base surface is not an IfcPlane", id)
                return nil
            }
            let frame = placement3(model.reference(surface, "Position"), &state)
            guard let plane = Plane(point: frame.translation, normal: frame.zAxis) else { return nil }
            var hs = HalfSpace(plane: plane, agreementFlag: a[1]?.asBool ?? true)
            if t == "IfcPolygonalBoundedHalfSpace" {
                let b = attrs(id, "Position", "PolygonalBoundary")
                guard let curveID = b[1]?.asReference, let curve = curve2(curveID, depth: depth + 1, &state) else { return nil }
                var pts = curve.discretize(settings, diagnostics: &state.diagnostics)
                if let f = pts.first, let l = pts.last, pts.count > 3, (f - l).length < 1e-9 { pts.removeLast() }
                guard pts.count >= 3 else { return nil }
                hs.boundary = pts
                hs.boundaryPosition = placement3(b[0]?.asReference, &state)
            }
            return .halfSpace(hs)
        case "IfcBlock":
            let a = attrs(id, "Position", "XLength", "YLength", "ZLength")
            guard let x = a[1]?.asDouble, let y = a[2]?.asDouble, let z = a[3]?.asDouble else { return nil }
            return .block(position: placement3(a[0]?.asReference, &state), x: x * scale, y: y * scale, z: z * scale)
        case "IfcBoundingBox":
            let a = attrs(id, "Corner", "XDim", "YDim", "ZDim")
            guard let c = point3(a[0]?.asReference, &state), let x = a[1]?.asDouble, let y = a[2]?.asDouble,
                  let z = a[3]?.asDouble else { return nil }
            return .block(position: .translation(c), x: x * scale, y: y * scale, z: z * scale)
        case "IfcRightCircularCylinder":
            let a = attrs(id, "Position", "Height", "Radius")
            guard let h = a[1]?.asDouble, let r = a[2]?.asDouble else { return nil }
            return .extrudedAreaSolid(profile: .parametric(.circle(radius: r * scale), position: .identity),
                                      position: placement3(a[0]?.asReference, &state), direction: .unitZ, depth: h * scale)
        case "IfcCsgSolid":
            guard let root = model.reference(id, "TreeRootExpression") else { return nil }
            return item(root, depth: depth + 1, &state)
        case "IfcMappedItem":
            guard let (map, transform) = mapping(id, &state) else { return nil }
            let inner = mapItems(map).compactMap { item($0, depth: depth + 1, &state) }
            guard !inner.isEmpty else { return nil }
            return .transformed(.group(inner), transform)
        default:
            state.report(.error, "item.unsupported", "\(t) is not supported", id)
            return nil
        }
    }

    /// The representation map of a mapped item and its placement (MappingTarget ∘ MappingOrigin).
    func mapping(_ id: STEPInstanceID, _ state: inout IFCMapState) -> (STEPInstanceID, Transform3D)? {
        let a = attrs(id, "MappingSource", "MappingTarget")
        guard let map = a[0]?.asReference else {
            state.report(.error, "mapped.missing", "mapped item without a representation map", id)
            return nil
        }
        let origin = placement3(model.reference(map, "MappingOrigin"), &state)
        let target = operator3(a[1]?.asReference, &state)
        let t = target.concatenating(origin)
        guard t.isFinite, abs(t.determinant) > 1e-18 else {
            state.report(.error, "mapped.transform", "mapped item transform is singular or non-finite", id)
            return nil
        }
        return (map, t)
    }

    /// Items of a representation map's MappedRepresentation.
    func mapItems(_ map: STEPInstanceID) -> [STEPInstanceID] {
        guard let rep = model.reference(map, "MappedRepresentation") else { return [] }
        return model.references(rep, "Items")
    }

    /// Faces of an IfcConnectedFaceSet (closed/open shell) as loops; outer bound first, oriented.
    func shellFaces(_ shell: STEPInstanceID, _ state: inout IFCMapState) -> [[[Vec3]]] {
        let faceIDs = model.references(shell, "CfsFaces")
        var faces: [[[Vec3]]] = []
        faces.reserveCapacity(faceIDs.count)
        for f in faceIDs {
            guard state.budget > 0 else { break }
            state.budget -= 1
            var outer: [Vec3]?
            var inner: [[Vec3]] = []
            for b in model.references(f, "Bounds") {
                let a = attrs(b, "Bound", "Orientation")
                guard let loop = a[0]?.asReference else { continue }
                var pts = model.references(loop, "Polygon").compactMap { point3($0, &state) }
                if a[1]?.asBool == false { pts.reverse() }
                guard pts.count >= 3 else { continue }
                if outer == nil, type(b) == "IfcFaceOuterBound" { outer = pts } else { inner.append(pts) }
            }
            if outer == nil, !inner.isEmpty { outer = inner.removeFirst() }
            if let outer { faces.append([outer] + inner) }
        }
        return faces
    }

    func indices(_ v: STEPValue?) -> [[Int]] { v?.asList?.map { $0.asList?.compactMap(\.asInt) ?? [] } ?? [] }

    func triangulatedFaceSet(_ id: STEPInstanceID, _ state: inout IFCMapState) -> GeometryItem? {
        let a = attrs(id, "Coordinates", "Closed", "CoordIndex", "PnIndex")
        let coords = pointList(a[0]?.asReference)
        let tris = indices(a[2])
        guard !coords.isEmpty, !tris.isEmpty else { return nil }
        let pn = a[3]?.asList?.compactMap(\.asInt)
        return .triangulatedFaceSet(TriangulatedFaceSet(coordinates: coords, triangles: tris,
                                                        pnIndex: (pn?.isEmpty ?? true) ? nil : pn, closed: a[1]?.asBool))
    }

    func polygonalFaceSet(_ id: STEPInstanceID, _ state: inout IFCMapState) -> GeometryItem? {
        let a = attrs(id, "Coordinates", "Closed", "Faces", "PnIndex")
        let coords = pointList(a[0]?.asReference)
        guard !coords.isEmpty, let faceRefs = a[2]?.asList else { return nil }
        var faces: [PolygonalFaceSet.Face] = []
        faces.reserveCapacity(faceRefs.count)
        for f in faceRefs.compactMap(\.asReference) {
            let fa = attrs(f, "CoordIndex", "InnerCoordIndices")
            let outer = fa[0]?.asList?.compactMap(\.asInt) ?? []
            guard outer.count >= 3 else { continue }
            faces.append(.init(outer, inner: indices(fa[1])))
        }
        let pn = a[3]?.asList?.compactMap(\.asInt)
        return .polygonalFaceSet(PolygonalFaceSet(coordinates: coords, faces: faces,
                                                  pnIndex: (pn?.isEmpty ?? true) ? nil : pn, closed: a[1]?.asBool))
    }

    /// Faces of a loft between two profiles (IfcExtrudedAreaSolidTapered): rings paired in order, the
    /// ring with fewer points refined by splitting its longest edges (shape kept exactly), side quads
    /// split into triangles so twisted sides stay planar. nil when the profiles' ring structure differs.
    func loft(_ p0: ProfileDefinition, _ p1: ProfileDefinition, offset: Vec3, _ state: inout IFCMapState) -> [[[Vec3]]]? {
        let a = p0.polygons(settings, diagnostics: &state.diagnostics)
        let b = p1.polygons(settings, diagnostics: &state.diagnostics)
        guard !a.isEmpty, a.count == b.count else { return nil }
        var faces: [[[Vec3]]] = []
        let flip = offset.z < 0
        for (pa, pb) in zip(a, b) {
            guard pa.holes.count == pb.holes.count else { return nil }
            var bottom: [[Vec3]] = []
            var top: [[Vec3]] = []
            for (ra, rb) in zip([pa.outer] + pa.holes, [pb.outer] + pb.holes) {
                guard ra.count >= 3, rb.count >= 3 else { return nil }
                let n = max(ra.count, rb.count)
                let lo = Self.refine(ra, to: n).map { Vec3($0.x, $0.y, 0) }
                let hi = Self.refine(rb, to: n).map { Vec3($0.x, $0.y, 0) + offset }
                bottom.append(lo.reversed())
                top.append(hi)
                for i in 0..<n {
                    let j = (i + 1) % n
                    faces.append([[lo[i], lo[j], hi[j]]])
                    faces.append([[lo[i], hi[j], hi[i]]])
                }
            }
            faces.append(bottom)
            faces.append(top)
        }
        if flip { faces = faces.map { $0.map { Array($0.reversed()) } } }
        return faces
    }

    /// Ring with `n` points: the longest edges split at their midpoints until the count is reached.
    static func refine(_ ring: [Vec2], to n: Int) -> [Vec2] {
        var r = ring
        while r.count < n {
            var best = 0
            var len = -1.0
            for i in r.indices {
                let l = (r[(i + 1) % r.count] - r[i]).length
                if l > len { len = l; best = i }
            }
            let m = (r[best] + r[(best + 1) % r.count]) * 0.5
            r.insert(m, at: best + 1)
        }
        return r
    }
}
