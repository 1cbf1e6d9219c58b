import IFC

/// Translates IFC representation items into kernel `GeometryItem`s: lengths scaled to metres,
/// angles to radians, nested mapped items inlined (top-level ones are instanced by the extractor).
///
/// Every recursive step goes through `enter`/`leave`, which bound depth, detect cycles and spend a
/// per-product node budget, so no input can make the mapping loop or blow the stack.
struct IFCItemMapper: Sendable {
    let model: IFCModel
    /// File length unit → metres.
    let scale: Double
    /// File plane-angle unit → radians.
    let angleScale: Double
    let settings: TessellationSettings
    let maxDepth: Int

    init(model: IFCModel, settings: TessellationSettings) {
        self.model = model
        let s = model.lengthUnitInMetres
        scale = s.isFinite && s > 0 ? s : 1
        let a = model.unitScale("PLANEANGLEUNIT")
        angleScale = a.isFinite && a > 0 ? a : 1
        self.settings = settings
        maxDepth = settings.maxNestingDepth
    }

    // MARK: Attribute access

    /// Several attributes with one decode of the instance.
    func attrs(_ id: STEPInstanceID, _ names: String...) -> [STEPValue?] { model.attributes(of: id, names) }

    func type(_ id: STEPInstanceID) -> String { model.typeName(of: id) ?? "?" }

    /// Recursion guard: false (with a diagnostic) on cycles, excessive depth or an exhausted budget.
    func enter(_ id: STEPInstanceID, depth: Int, _ state: inout IFCMapState) -> Bool {
        guard depth <= maxDepth else {
            state.report(.error, "item.depth", "geometry nested deeper than \(maxDepth) levels", id)
            return false
        }
        guard state.budget > 0 else {
            if state.budget == 0 { state.report(.error, "item.budget", "too many geometry items; rest skipped", id) }
            state.budget = -1
            return false
        }
        state.budget -= 1
        guard state.visiting.insert(id).inserted else {
            state.report(.error, "item.cycle", "\(id) refers to itself", id)
            return false
        }
        return true
    }

    func leave(_ id: STEPInstanceID, _ state: inout IFCMapState) { state.visiting.remove(id) }

    // MARK: Points, directions, placements

    func numbers(_ v: STEPValue?) -> [Double] { v?.asList?.compactMap(\.asDouble) ?? [] }

    /// IfcCartesianPoint in metres (2D points get z = 0); nil when missing or non-finite.
    func point3(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Vec3? {
        guard let id else { return nil }
        if let p = state.points[id] { return p }
        let c = numbers(model[id, "Coordinates"])
        guard c.count >= 2 else { return nil }
        let p = Vec3(c[0] * scale, c[1] * scale, c.count > 2 ? c[2] * scale : 0)
        guard p.isFinite else { return nil }
        state.points[id] = p
        return p
    }

    func point2(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Vec2? {
        point3(id, &state).map { Vec2($0.x, $0.y) }
    }

    func direction3(_ id: STEPInstanceID?) -> Vec3? {
        guard let id else { return nil }
        let c = numbers(model[id, "DirectionRatios"])
        guard c.count >= 2 else { return nil }
        let v = Vec3(c[0], c[1], c.count > 2 ? c[2] : 0)
        return v.isFinite ? v : nil
    }

    func direction2(_ id: STEPInstanceID?) -> Vec2? { direction3(id).map { Vec2($0.x, $0.y) } }

    /// IfcAxis2Placement3D / 2D (or IfcAxis1Placement) as a 3D transform; nil id = identity.
    func placement3(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Transform3D {
        guard let id else { return .identity }
        if type(id) == "IfcAxis2Placement2D" {
            let t = placement2(id, &state)
            return Transform3D(xAxis: Vec3(t.xAxis.x, t.xAxis.y, 0), yAxis: Vec3(t.yAxis.x, t.yAxis.y, 0),
                               zAxis: .unitZ, translation: Vec3(t.translation.x, t.translation.y, 0))
        }
        let a = attrs(id, "Location", "Axis", "RefDirection")
        let location = point3(a[0]?.asReference, &state) ?? .zero
        return Transform3D(location: location, axis: direction3(a[1]?.asReference),
                           refDirection: direction3(a[2]?.asReference))
    }

    func placement2(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Transform2D {
        guard let id else { return .identity }
        let a = attrs(id, "Location", "RefDirection")
        return Transform2D(location: point2(a[0]?.asReference, &state) ?? .zero, refDirection: direction2(a[1]?.asReference))
    }

    /// IfcCartesianTransformationOperator3D (and nonUniform) following IfcBaseAxis: z from Axis3,
    /// x from Axis1 made orthogonal, y = z × x; columns scaled by Scale, Scale2, Scale3.
    func operator3(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Transform3D {
        guard let id else { return .identity }
        let names = ["Axis1", "Axis2", "LocalOrigin", "Scale", "Axis3", "Scale2", "Scale3"]
        let a = model.attributes(of: id, names)
        let origin = point3(a[2]?.asReference, &state) ?? .zero
        let s1 = a[3]?.asDouble ?? 1
        let s2 = a[5]?.asDouble ?? s1
        let s3 = a[6]?.asDouble ?? s1
        let d1 = direction3(a[0]?.asReference)?.normalized
        let d2 = direction3(a[1]?.asReference)?.normalized
        let z = direction3(a[4]?.asReference)?.normalized ?? .unitZ
        var x = d1 ?? .unitX
        if let proj = (x - z * x.dot(z)).normalized { x = proj } else { x = z.anyPerpendicular }
        var y = z.cross(x)
        if let d2, d2.dot(y) < 0 { y = -y }
        return Transform3D(xAxis: x * s1, yAxis: y * s2, zAxis: z * s3, translation: origin)
    }

    /// IfcCartesianTransformationOperator2D (and nonUniform); may mirror when Axis2 is opposite.
    func operator2(_ id: STEPInstanceID?, _ state: inout IFCMapState) -> Transform2D {
        guard let id else { return .identity }
        let a = attrs(id, "Axis1", "Axis2", "LocalOrigin", "Scale", "Scale2")
        let origin = point2(a[2]?.asReference, &state) ?? .zero
        let s1 = a[3]?.asDouble ?? 1
        let s2 = a[4]?.asDouble ?? s1
        let x = direction2(a[0]?.asReference)?.normalized ?? Vec2(1, 0)
        var y = Vec2(-x.y, x.x)
        if let d2 = direction2(a[1]?.asReference)?.normalized, d2.dot(y) < 0 { y = -y }
        return Transform2D(xAxis: x * s1, yAxis: y * s2, translation: origin)
    }
}
