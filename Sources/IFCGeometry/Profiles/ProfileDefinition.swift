/// Kernel-side description of an IfcProfileDef. Parametric shapes follow the
/// IFC conventions: centred on the bounding box (IFC4) and placed by `position`.
public indirect enum ProfileDefinition: Sendable, Hashable {
    case parametric(ParametricShape, position: Transform2D)
    case arbitraryClosed(Curve2D)
    case arbitraryWithVoids(outer: Curve2D, inner: [Curve2D])
    /// IfcDerivedProfileDef: the parent transformed by a 2D operator (may mirror).
    case derived(parent: ProfileDefinition, transform: Transform2D)
    /// IfcCompositeProfileDef: union of disjoint profiles.
    case composite([ProfileDefinition])

    public enum ParametricShape: Sendable, Hashable {
        case rectangle(xDim: Double, yDim: Double)
        case roundedRectangle(xDim: Double, yDim: Double, roundingRadius: Double)
        case rectangleHollow(xDim: Double, yDim: Double, wallThickness: Double,
                             innerFilletRadius: Double? = nil, outerFilletRadius: Double? = nil)
        case circle(radius: Double)
        case circleHollow(radius: Double, wallThickness: Double)
        case ellipse(semiAxis1: Double, semiAxis2: Double)
        case iShape(overallWidth: Double, overallDepth: Double, webThickness: Double, flangeThickness: Double,
                    filletRadius: Double? = nil)
        case lShape(depth: Double, width: Double?, thickness: Double, filletRadius: Double? = nil, edgeRadius: Double? = nil)
        case tShape(depth: Double, flangeWidth: Double, webThickness: Double, flangeThickness: Double,
                    filletRadius: Double? = nil)
        case uShape(depth: Double, flangeWidth: Double, webThickness: Double, flangeThickness: Double,
                    filletRadius: Double? = nil, edgeRadius: Double? = nil)
        case cShape(depth: Double, width: Double, wallThickness: Double, girth: Double, internalFilletRadius: Double? = nil)
        case zShape(depth: Double, flangeWidth: Double, webThickness: Double, flangeThickness: Double,
                    filletRadius: Double? = nil, edgeRadius: Double? = nil)
    }
}
