/// Axis-aligned box in world metres; `empty` is the identity for `formUnion`.
public struct BoundingBox: Sendable, Hashable {
    public var min: Vec3
    public var max: Vec3

    public init(min: Vec3, max: Vec3) {
        self.min = min
        self.max = max
    }

    public static let empty = BoundingBox(
        min: Vec3(.infinity, .infinity, .infinity), max: Vec3(-.infinity, -.infinity, -.infinity))

    public var isEmpty: Bool { min.x > max.x || min.y > max.y || min.z > max.z }
    public var center: Vec3 { (min + max) * 0.5 }
    public var size: Vec3 { isEmpty ? .zero : max - min }

    public mutating func include(_ p: Vec3) {
        min = Vec3(Swift.min(min.x, p.x), Swift.min(min.y, p.y), Swift.min(min.z, p.z))
        max = Vec3(Swift.max(max.x, p.x), Swift.max(max.y, p.y), Swift.max(max.z, p.z))
    }

    public mutating func formUnion(_ o: BoundingBox) {
        guard !o.isEmpty else { return }
        include(o.min)
        include(o.max)
    }

    public func intersects(_ o: BoundingBox, tolerance: Double = 0) -> Bool {
        guard !isEmpty, !o.isEmpty else { return false }
        return min.x <= o.max.x + tolerance && o.min.x <= max.x + tolerance
            && min.y <= o.max.y + tolerance && o.min.y <= max.y + tolerance
            && min.z <= o.max.z + tolerance && o.min.z <= max.z + tolerance
    }

    public func contains(_ p: Vec3) -> Bool {
        p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y && p.z >= min.z && p.z <= max.z
    }

    /// Conservative box of the transformed corners.
    public func transformed(by t: Transform3D) -> BoundingBox {
        guard !isEmpty else { return self }
        var out = BoundingBox.empty
        for i in 0..<8 {
            out.include(t.apply(Vec3(i & 1 == 0 ? min.x : max.x, i & 2 == 0 ? min.y : max.y, i & 4 == 0 ? min.z : max.z)))
        }
        return out
    }
}
