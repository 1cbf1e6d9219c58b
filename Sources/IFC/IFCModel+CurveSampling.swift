import STEP

extension IFCModel {
    /// Points along an IFC4X3 alignment curve item, in project units, so products whose only shape is an
    /// axis (IfcAlignment, IfcAlignmentSegment) still get a bounding box.
    ///
    /// Each item is drawn in its own space, as IfcOpenShell draws it: an IfcCurveSegment in its placement
    /// space with z = 0 (plan x/y for horizontal segments, distance/elevation for vertical ones), an
    /// IfcCompositeCurve of segments in plan (z = 0), an IfcGradientCurve in 3D, an IfcSegmentedReferenceCurve
    /// as its base curve (cant is not applied). Arcs and clothoids are
    /// sampled (at most `maxPoints` per item, plus segment ends); nil when the item is none of these or
    /// cannot be evaluated.
    public func alignmentCurvePoints(_ item: STEPInstanceID, maxPoints: Int = 256) -> [SIMD3<Double>]? {
        let curve = IFCAlignmentCurve(model: self)
        let n = max(2, min(maxPoints, 100_000))
        func segmentPoints(_ seg: STEPInstanceID, count: Int) -> [SIMD3<Double>]? {
            guard case .success(let signed) = curve.segmentLength(seg) else { return nil }
            let length = abs(signed)
            var out: [SIMD3<Double>] = []
            for k in 0...count {
                guard case .success(let q) = curve.segment(seg, at: length * Double(k) / Double(count)),
                      q.p.x.isFinite, q.p.y.isFinite else { return nil }
                out.append(SIMD3(q.p.x, q.p.y, 0))
            }
            return out
        }
        if isA(item, "IfcCurveSegment") {
            // Cant segments (3D placement) are drawn as their distance span along x, as IfcOpenShell 0.9 does.
            if let placement = reference(item, "Placement"), isA(placement, "IfcAxis2Placement3D") {
                guard case .success(let len) = curve.segmentLength(item),
                      let loc = reference(placement, "Location"),
                      let x = self[loc, "Coordinates"]?.asList?.first?.asDouble, x.isFinite else { return nil }
                return [SIMD3(x, 0, 0), SIMD3(x + abs(len), 0, 0)]
            }
            return segmentPoints(item, count: n)
        }
        if isA(item, "IfcSegmentedReferenceCurve") {
            return reference(item, "BaseCurve").flatMap { alignmentCurvePoints($0, maxPoints: maxPoints) }
        }
        if isA(item, "IfcGradientCurve") {
            guard let base = reference(item, "BaseCurve"), let list = self[base, "Segments"]?.asList,
                  list.count <= IFCAlignmentCurve.maxSegments else { return nil }
            var total = 0.0
            for s in list.compactMap(\.asReference) {
                guard case .success(let len) = curve.segmentLength(s) else { return nil }
                total += abs(len)
            }
            guard total.isFinite, total > 0 else { return nil }
            var out: [SIMD3<Double>] = []
            for k in 0...n {
                guard case .success(let f) = curve.frame(item, at: total * Double(k) / Double(n)),
                      f.origin.x.isFinite, f.origin.y.isFinite, f.origin.z.isFinite else { return nil }
                out.append(f.origin)
            }
            return out
        }
        if isA(item, "IfcCompositeCurve") {
            guard let list = self[item, "Segments"]?.asList, !list.isEmpty, list.count <= IFCAlignmentCurve.maxSegments
            else { return nil }
            let ids = list.compactMap(\.asReference)
            guard ids.allSatisfy({ isA($0, "IfcCurveSegment") }) else { return nil }
            let per = max(2, n / max(1, ids.count))
            var out: [SIMD3<Double>] = []
            for s in ids {
                guard let pts = segmentPoints(s, count: per) else { return nil }
                out.append(contentsOf: pts)
            }
            return out
        }
        return nil
    }
}
