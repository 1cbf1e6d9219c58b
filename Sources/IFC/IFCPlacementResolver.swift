import IFCSchema
import STEP

/// Resolves object placements to world matrices with a cache, so shared parent chains (site → building
/// → storey) are evaluated once however many products hang below them.
///
/// Axis handling follows IfcOpenShell's `get_axis2placement`: Z from Axis (default +Z), X from
/// RefDirection (default +X) made orthogonal to Z through two cross products, all three normalised.
/// Results are in project units; scale translations with `IFCModel.lengthUnitInMetres`.
public struct IFCPlacementResolver {
    public enum Failure: Error, Sendable, Equatable {
        case cycle(STEPInstanceID)
        case tooDeep(STEPInstanceID)
        case unsupported(STEPInstanceID, String)
        case malformed(STEPInstanceID, String)
    }

    let model: IFCModel
    private var cache: [STEPInstanceID: Result<IFCMatrix4, Failure>] = [:]
    /// Grid axis → ObjectPlacement of the IfcGrid listing it; built on first use (grids are few).
    private var gridPlacementOfAxis: [STEPInstanceID: STEPInstanceID]?
    /// Diagnostics for cycles and malformed placements, each reported once.
    public private(set) var diagnostics: [STEPDiagnostic] = []
    /// Off, a successful result is cached only for the ancestors walked through, not for the placement
    /// asked for: a caller resolving every product once (an importer) then keeps the shared site/storey
    /// chains instead of one matrix per product, so the cache stays bounded by the shared levels.
    public var cachesQueriedPlacement: Bool

    public init(model: IFCModel, cachesQueriedPlacement: Bool = true) {
        self.model = model
        self.cachesQueriedPlacement = cachesQueriedPlacement
    }

    /// World transform of an IfcObjectPlacement.
    public mutating func world(_ placement: STEPInstanceID) -> Result<IFCMatrix4, Failure> {
        if let hit = cache[placement] { return hit }
        // Walk up iteratively (bounded), then compose downwards: no recursion on hostile input.
        var chain: [STEPInstanceID] = []
        var seen: Set<STEPInstanceID> = []
        var cursor: STEPInstanceID? = placement
        var base = IFCMatrix4.identity
        var failure: Failure?
        while let p = cursor {
            if let hit = cache[p] {
                switch hit {
                case .success(let m): base = m
                case .failure(let f): failure = f
                }
                break
            }
            guard seen.insert(p).inserted else {
                failure = .cycle(p)
                report(p, "placement chain of \(placement) loops back to \(p)")
                break
            }
            guard chain.count < 512 else {
                failure = .tooDeep(p)
                report(p, "placement chain of \(placement) is deeper than 512 levels")
                break
            }
            chain.append(p)
            cursor = parent(of: p)
        }
        if let failure {
            for p in chain { cache[p] = .failure(failure) }
            return .failure(failure)
        }
        var current = base
        for p in chain.reversed() {
            switch local(p) {
            case .success(let m):
                current = current * m
                if cachesQueriedPlacement || p != placement { cache[p] = .success(current) }
            case .failure(let f):
                for q in chain { if cache[q] == nil { cache[q] = .failure(f) } }
                return .failure(f)
            }
        }
        return cache[placement] ?? .success(current)
    }

    /// Transform of one placement relative to its PlacementRelTo.
    mutating func local(_ p: STEPInstanceID) -> Result<IFCMatrix4, Failure> {
        let c = model.common
        if model.isA(p, entity: c.gridPlacement) { return gridPlacement(p) }
        var relative = model.reference(p, "RelativePlacement")
        if model.isA(p, entity: c.linearPlacement) {
            // Evaluate the alignment; CartesianPosition is only the writer's cache and is used as a fallback.
            guard let r = relative else { return .failure(.malformed(p, "no RelativePlacement")) }
            switch linearPlacement(r) {
            case .success(let m): return .success(m)
            case .failure(let e):
                report(e.id, "IfcLinearPlacement \(p): \(e.message)")
                guard let cartesian = model.reference(p, "CartesianPosition") else {
                    return .failure(.unsupported(p, e.message))
                }
                relative = cartesian
            }
        }
        guard let r = relative else {
            report(p, "\(p) has no RelativePlacement")
            return .failure(.malformed(p, "no RelativePlacement"))
        }
        return axis2Placement(r)
    }

    /// The placement `p` is relative to. For an IfcGridPlacement that is the placement of the IfcGrid
    /// whose axes locate it, because the axis curves are drawn in the grid's coordinate system; IFC2X3
    /// and IFC4 have no PlacementRelTo there, and IFC4X3 asks writers to point it at that same placement
    /// (used only when the axes belong to no grid).
    mutating func parent(of p: STEPInstanceID) -> STEPInstanceID? {
        guard model.isA(p, entity: model.common.gridPlacement) else { return model.reference(p, "PlacementRelTo") }
        if let location = model.reference(p, "PlacementLocation"),
           let axis = model[location, "IntersectingAxes"]?.asList?.first?.asReference,
           let grid = gridPlacement(ofAxis: axis) {
            return grid
        }
        return model.reference(p, "PlacementRelTo")
    }

    private mutating func gridPlacement(ofAxis axis: STEPInstanceID) -> STEPInstanceID? {
        if gridPlacementOfAxis == nil {
            var map: [STEPInstanceID: STEPInstanceID] = [:]
            for grid in model.instances(of: "IfcGrid") {
                guard let placement = model.reference(grid, "ObjectPlacement") else { continue }
                let values = model.attributes(of: grid, ["UAxes", "VAxes", "WAxes"])
                for list in values {
                    for a in list?.asList?.compactMap(\.asReference) ?? [] where map[a] == nil { map[a] = placement }
                }
            }
            gridPlacementOfAxis = map
        }
        return gridPlacementOfAxis?[axis]
    }

    /// IfcGridPlacement in its grid's frame: origin at the virtual intersection of PlacementLocation; X
    /// along PlacementRefDirection (a direction, or towards a second intersection), else along the first
    /// axis there; Z is the grid's Z.
    mutating func gridPlacement(_ p: STEPInstanceID) -> Result<IFCMatrix4, Failure> {
        let geometry = IFCGridGeometry(model: model)
        guard let location = model.reference(p, "PlacementLocation") else {
            report(p, "IfcGridPlacement \(p) has no PlacementLocation")
            return .failure(.malformed(p, "no PlacementLocation"))
        }
        let origin: SIMD3<Double>
        var x: SIMD2<Double>
        switch geometry.intersection(location) {
        case .success(let hit):
            origin = hit.point
            x = hit.tangent
        case .failure(let f):
            report(f.id, "IfcGridPlacement \(p): \(f.message)")
            return .failure(.unsupported(p, f.message))
        }
        if let ref = model.reference(p, "PlacementRefDirection") {
            if model.isA(ref, "IfcDirection") {
                if let d = direction(ref), abs(d.x) + abs(d.y) > 1e-12 { x = SIMD2(d.x, d.y) }
            } else {
                switch geometry.intersection(ref) {
                case .success(let hit):
                    let d = SIMD2(hit.point.x - origin.x, hit.point.y - origin.y)
                    if squaredLength2(d) > 1e-24 { x = d }
                case .failure(let f):
                    report(f.id, "IfcGridPlacement \(p) PlacementRefDirection: \(f.message)")
                    return .failure(.unsupported(p, f.message))
                }
            }
        }
        let z = SIMD3<Double>(0, 0, 1)
        let nx = normalised(SIMD3(x.x, x.y, 0))
        return .success(IFCMatrix4(x: nx, y: cross(z, nx), z: z, origin: origin))
    }

    /// IfcAxis2PlacementLinear: origin from its IfcPointByDistanceExpression; as in IfcOpenShell, Axis
    /// (default +Z) and RefDirection (default the curve tangent) are taken as given, not rotated by the curve.
    func linearPlacement(_ a: STEPInstanceID) -> Result<IFCMatrix4, IFCAlignmentError> {
        guard model.isA(a, "IfcAxis2PlacementLinear") else {
            return .failure(IFCAlignmentError(a, "RelativePlacement is not an IfcAxis2PlacementLinear"))
        }
        guard let loc = model.reference(a, "Location"), model.isA(loc, "IfcPointByDistanceExpression") else {
            return .failure(IFCAlignmentError(a, "Location is not an IfcPointByDistanceExpression"))
        }
        let frame: IFCAlignmentCurve.Frame
        switch IFCAlignmentCurve(model: model).point(loc) {
        case .success(let f): frame = f
        case .failure(let e): return .failure(e)
        }
        let z = model.reference(a, "Axis").flatMap(direction) ?? SIMD3(0, 0, 1)
        let rd = model.reference(a, "RefDirection").flatMap(direction) ?? frame.x
        var y = cross(z, rd)
        var x = cross(y, z)
        if length(x) < 1e-12 || length(y) < 1e-12 {
            let helper: SIMD3<Double> = abs(z.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
            y = cross(z, helper)
            x = cross(y, z)
        }
        return .success(IFCMatrix4(x: normalised(x), y: normalised(y), z: normalised(z), origin: frame.origin))
    }

    /// IfcAxis2Placement2D/3D (and IfcAxis1Placement) → matrix.
    func axis2Placement(_ a: STEPInstanceID) -> Result<IFCMatrix4, Failure> {
        guard let args = model.arguments(of: a), let e = model.entityIndex(of: a) else {
            return .failure(.malformed(a, "missing placement"))
        }
        let s = model.schema
        func arg(_ name: String) -> STEPValue? { s.attributeIndex(name, in: e).flatMap { args.value(at: $0) } }
        var origin = SIMD3<Double>(0, 0, 0)
        if let loc = arg("Location")?.asReference {
            guard let coords = model[loc, "Coordinates"]?.asList else {
                return .failure(.malformed(a, "Location \(loc) has no coordinates"))
            }
            let v = coords.compactMap(\.asDouble)
            origin = SIMD3(v.count > 0 ? v[0] : 0, v.count > 1 ? v[1] : 0, v.count > 2 ? v[2] : 0)
        }
        let is2D = e == model.common.axis2Placement2D
        var z = SIMD3<Double>(0, 0, 1)
        var x = SIMD3<Double>(1, 0, 0)
        if !is2D, let axis = arg("Axis")?.asReference, let d = direction(axis) { z = d }
        if let ref = arg("RefDirection")?.asReference, let d = direction(ref) { x = d }
        var y = cross(z, x)
        x = cross(y, z)
        if length(x) < 1e-12 || length(y) < 1e-12 {
            // RefDirection parallel to Axis: pick any perpendicular, as IfcBuildAxes would.
            let helper: SIMD3<Double> = abs(z.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
            y = cross(z, helper)
            x = cross(y, z)
        }
        let nx = normalised(x), ny = normalised(y), nz = normalised(z)
        return .success(IFCMatrix4(x: nx, y: ny, z: nz, origin: origin))
    }

    func direction(_ d: STEPInstanceID) -> SIMD3<Double>? {
        guard let ratios = model[d, "DirectionRatios"]?.asList else { return nil }
        let v = ratios.compactMap(\.asDouble)
        guard v.count >= 2 else { return nil }
        let r = SIMD3(v[0], v[1], v.count > 2 ? v[2] : 0)
        return length(r) > 1e-12 ? r : nil
    }

    private mutating func report(_ id: STEPInstanceID, _ message: String) {
        guard diagnostics.count < 100 else { return }
        diagnostics.append(model.file.diagnostic(.error, at: id, message))
    }
}

@inline(__always) func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func length(_ a: SIMD3<Double>) -> Double { (a * a).sum().squareRoot() }
@inline(__always) func normalised(_ a: SIMD3<Double>) -> SIMD3<Double> {
    let l = length(a)
    return l > 0 ? a / l : a
}
