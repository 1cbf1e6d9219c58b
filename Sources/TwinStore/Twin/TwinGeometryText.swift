import Foundation
import TwinDomain

/// Footprints cross the wire as WKT polygons (`ST_GeomFromText(…, 0)` / `ST_AsText`).
///
/// Swift prints doubles in their shortest round-tripping form, so writing is exact; PostGIS
/// prints up to 15 significant digits, far below millimetres at building scale.
enum TwinGeometryText {
    static func wkt(_ footprint: Footprint?) -> String? {
        guard let footprint, footprint.isValid else { return nil }
        let rings = [footprint.outer] + footprint.holes
        return "POLYGON(" + rings.map(ring).joined(separator: ",") + ")"
    }

    private static func ring(_ points: [Point2D]) -> String {
        var closed = points
        if let first = points.first, first != points.last { closed.append(first) }
        return "(" + closed.map { "\($0.x) \($0.y)" }.joined(separator: ",") + ")"
    }

    /// Parses `POLYGON((x y,…),(…))` (with or without a Z) back into open rings.
    static func footprint(_ wkt: String?) -> Footprint? {
        guard let wkt, let open = wkt.firstIndex(of: "("), let close = wkt.lastIndex(of: ")") else { return nil }
        let body = wkt[wkt.index(after: open)..<close]
        var rings: [[Point2D]] = []
        for part in body.components(separatedBy: "),") {
            let text = part.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            var points: [Point2D] = []
            for pair in text.split(separator: ",") {
                let numbers = pair.split(separator: " ").compactMap { Double($0) }
                guard numbers.count >= 2 else { return nil }
                points.append(Point2D(x: numbers[0], y: numbers[1]))
            }
            if points.count > 1, points.first == points.last { points.removeLast() }
            rings.append(points)
        }
        guard let outer = rings.first else { return nil }
        return Footprint(outer: outer, holes: Array(rings.dropFirst()))
    }
}
