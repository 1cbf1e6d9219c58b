/// Builds rings from corner lists where each corner may carry a fillet radius.
/// The same construction serves convex edge radii and concave web fillets:
/// the arc is tangent to both edges, its centre on the corner's bisector.
enum CornerRounding {
    static func circle(_ r: Double, _ settings: TessellationSettings) -> [Vec2] {
        let n = max(8, settings.segments(radius: r, angle: 2 * .pi))
        return (0..<n).map {
            let t = 2 * Double.pi * Double($0) / Double(n)
            return Vec2(r * _cos(t), r * _sin(t))
        }
    }

    static func rectangle(_ x: Double, _ y: Double, radius: Double, _ settings: TessellationSettings) -> [Vec2] {
        let a = x / 2, b = y / 2
        return polygon([(Vec2(-a, -b), radius), (Vec2(a, -b), radius), (Vec2(a, b), radius), (Vec2(-a, b), radius)],
                       settings).outer
    }

    static func polygon(_ corners: [(Vec2, Double)], _ settings: TessellationSettings) -> Polygon2D {
        var out: [Vec2] = []
        let n = corners.count
        for i in 0..<n {
            let (b, radius) = corners[i]
            let a = corners[(i + n - 1) % n].0, c = corners[(i + 1) % n].0
            guard radius > 0, let u = (a - b).normalized, let v = (c - b).normalized else {
                out.append(b)
                continue
            }
            let cosAngle = max(-1, min(1, u.dot(v)))
            let half = _acos(cosAngle) / 2
            guard half > 1e-6, half < Double.pi / 2 - 1e-6 else {
                out.append(b)
                continue
            }
            // Never let a fillet eat more than half of either adjacent edge.
            let maxTangent = min((a - b).length, (c - b).length) / 2
            var tangent = radius / _tan(half)
            var rr = radius
            if tangent > maxTangent {
                tangent = maxTangent
                rr = tangent * _tan(half)
            }
            let t1 = b + u * tangent, t2 = b + v * tangent
            guard let bis = (u + v).normalized else {
                out.append(b)
                continue
            }
            let centre = b + bis * (rr / _sin(half))
            let a1 = _atan2(t1.y - centre.y, t1.x - centre.x)
            var sweep = _atan2(t2.y - centre.y, t2.x - centre.x) - a1
            while sweep > Double.pi { sweep -= 2 * Double.pi }
            while sweep < -Double.pi { sweep += 2 * Double.pi }
            let segs = max(1, settings.segments(radius: rr, angle: sweep))
            for k in 0...segs {
                let t = a1 + sweep * Double(k) / Double(segs)
                out.append(Vec2(centre.x + rr * _cos(t), centre.y + rr * _sin(t)))
            }
        }
        return Polygon2D(outer: out).normalized()
    }
}
