/// An axis-aligned box in a site's local coordinates (metres), e.g. a product's extent.
public struct Box3D: Sendable, Hashable, Codable {
    public var min: Point3D
    public var max: Point3D

    /// Orders the corners so `min <= max` on every axis whatever the caller passed.
    public init(min a: Point3D, max b: Point3D) {
        self.min = Point3D(x: Swift.min(a.x, b.x), y: Swift.min(a.y, b.y), z: Swift.min(a.z, b.z))
        self.max = Point3D(x: Swift.max(a.x, b.x), y: Swift.max(a.y, b.y), z: Swift.max(a.z, b.z))
    }

    public var center: Point3D {
        Point3D(x: (min.x + max.x) / 2, y: (min.y + max.y) / 2, z: (min.z + max.z) / 2)
    }

    public var isFinite: Bool { min.isFinite && max.isFinite }

    public func contains(_ p: Point3D) -> Bool {
        p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y && p.z >= min.z && p.z <= max.z
    }

    public func intersects(_ other: Box3D) -> Bool {
        min.x <= other.max.x && max.x >= other.min.x && min.y <= other.max.y && max.y >= other.min.y
            && min.z <= other.max.z && max.z >= other.min.z
    }

    /// The smallest box holding both.
    public func union(_ other: Box3D) -> Box3D {
        Box3D(
            min: Point3D(x: Swift.min(min.x, other.min.x), y: Swift.min(min.y, other.min.y), z: Swift.min(min.z, other.min.z)),
            max: Point3D(x: Swift.max(max.x, other.max.x), y: Swift.max(max.y, other.max.y), z: Swift.max(max.z, other.max.z)))
    }
}
