import IFC

/// IfcProfileDef → `ProfileDefinition`, dimensions in metres.
extension IFCItemMapper {
    func profile(_ id: STEPInstanceID, depth: Int, _ state: inout IFCMapState) -> ProfileDefinition? {
        guard enter(id, depth: depth, &state) else { return nil }
        defer { leave(id, &state) }
        let t = type(id)
        func len(_ name: String) -> Double? {
            guard let v = model[id, name]?.asDouble, v.isFinite else { return nil }
            return v * scale
        }
        func parametric(_ shape: ProfileDefinition.ParametricShape?) -> ProfileDefinition? {
            guard let shape else {
                state.report(.error, "profile.dimensions", "\(t) lacks required dimensions", id)
                return nil
            }
            return .parametric(shape, position: placement2(model.reference(id, "Position"), &state))
        }
        switch t {
        case "IfcRectangleProfileDef":
            guard let x = len("XDim"), let y = len("YDim") else { return parametric(nil) }
            return parametric(.rectangle(xDim: x, yDim: y))
        case "IfcRoundedRectangleProfileDef":
            guard let x = len("XDim"), let y = len("YDim") else { return parametric(nil) }
            return parametric(.roundedRectangle(xDim: x, yDim: y, roundingRadius: len("RoundingRadius") ?? 0))
        case "IfcRectangleHollowProfileDef":
            guard let x = len("XDim"), let y = len("YDim"), let w = len("WallThickness") else { return parametric(nil) }
            return parametric(.rectangleHollow(xDim: x, yDim: y, wallThickness: w, innerFilletRadius: len("InnerFilletRadius"),
                                               outerFilletRadius: len("OuterFilletRadius")))
        case "IfcCircleProfileDef":
            guard let r = len("Radius") else { return parametric(nil) }
            return parametric(.circle(radius: r))
        case "IfcCircleHollowProfileDef":
            guard let r = len("Radius"), let w = len("WallThickness") else { return parametric(nil) }
            return parametric(.circleHollow(radius: r, wallThickness: w))
        case "IfcEllipseProfileDef":
            guard let a = len("SemiAxis1"), let b = len("SemiAxis2") else { return parametric(nil) }
            return parametric(.ellipse(semiAxis1: a, semiAxis2: b))
        case "IfcIShapeProfileDef":
            guard let w = len("OverallWidth"), let d = len("OverallDepth"), let tw = len("WebThickness"),
                  let tf = len("FlangeThickness") else { return parametric(nil) }
            return parametric(.iShape(overallWidth: w, overallDepth: d, webThickness: tw, flangeThickness: tf,
                                      filletRadius: len("FilletRadius")))
        case "IfcAsymmetricIShapeProfileDef":
            // Approximated by a symmetric I of the wider flange (IFC2X3 and IFC4 spell the attributes differently).
            let w = max(len("OverallWidth") ?? 0, len("BottomFlangeWidth") ?? 0, len("TopFlangeWidth") ?? 0)
            let tf = max(len("FlangeThickness") ?? 0, len("BottomFlangeThickness") ?? 0, len("TopFlangeThickness") ?? 0)
            guard w > 0, tf > 0, let d = len("OverallDepth"), let tw = len("WebThickness") else { return parametric(nil) }
            state.report(.warning, "profile.approximated", "asymmetric I profile drawn symmetric", id)
            return parametric(.iShape(overallWidth: w, overallDepth: d, webThickness: tw, flangeThickness: tf))
        case "IfcLShapeProfileDef":
            guard let d = len("Depth"), let th = len("Thickness") else { return parametric(nil) }
            return parametric(.lShape(depth: d, width: len("Width"), thickness: th, filletRadius: len("FilletRadius"),
                                      edgeRadius: len("EdgeRadius")))
        case "IfcTShapeProfileDef":
            guard let d = len("Depth"), let w = len("FlangeWidth"), let tw = len("WebThickness"),
                  let tf = len("FlangeThickness") else { return parametric(nil) }
            return parametric(.tShape(depth: d, flangeWidth: w, webThickness: tw, flangeThickness: tf,
                                      filletRadius: len("FilletRadius")))
        case "IfcUShapeProfileDef":
            guard let d = len("Depth"), let w = len("FlangeWidth"), let tw = len("WebThickness"),
                  let tf = len("FlangeThickness") else { return parametric(nil) }
            return parametric(.uShape(depth: d, flangeWidth: w, webThickness: tw, flangeThickness: tf,
                                      filletRadius: len("FilletRadius"), edgeRadius: len("EdgeRadius")))
        case "IfcCShapeProfileDef":
            guard let d = len("Depth"), let w = len("Width"), let th = len("WallThickness"), let g = len("Girth") else {
                return parametric(nil)
            }
            return parametric(.cShape(depth: d, width: w, wallThickness: th, girth: g,
                                      internalFilletRadius: len("InternalFilletRadius")))
        case "IfcZShapeProfileDef":
            guard let d = len("Depth"), let w = len("FlangeWidth"), let tw = len("WebThickness"),
                  let tf = len("FlangeThickness") else { return parametric(nil) }
            return parametric(.zShape(depth: d, flangeWidth: w, webThickness: tw, flangeThickness: tf,
                                      filletRadius: len("FilletRadius"), edgeRadius: len("EdgeRadius")))
        case "IfcArbitraryClosedProfileDef":
            guard let c = model.reference(id, "OuterCurve").flatMap({ curve2($0, depth: depth + 1, &state) }) else {
                state.report(.error, "profile.curve", "profile has no usable outer curve", id)
                return nil
            }
            return .arbitraryClosed(c)
        case "IfcArbitraryProfileDefWithVoids":
            guard let c = model.reference(id, "OuterCurve").flatMap({ curve2($0, depth: depth + 1, &state) }) else {
                state.report(.error, "profile.curve", "profile has no usable outer curve", id)
                return nil
            }
            let inner = model.references(id, "InnerCurves").compactMap { curve2($0, depth: depth + 1, &state) }
            return .arbitraryWithVoids(outer: c, inner: inner)
        case "IfcDerivedProfileDef":
            let a = attrs(id, "ParentProfile", "Operator")
            guard let parentID = a[0]?.asReference, let parent = profile(parentID, depth: depth + 1, &state) else { return nil }
            return .derived(parent: parent, transform: operator2(a[1]?.asReference, &state))
        case "IfcCompositeProfileDef":
            let parts = model.references(id, "Profiles").compactMap { profile($0, depth: depth + 1, &state) }
            return parts.isEmpty ? nil : .composite(parts)
        default:
            state.report(.error, "profile.unsupported", "\(t) is not supported", id)
            return nil
        }
    }
}
