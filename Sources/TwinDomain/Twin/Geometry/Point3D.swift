/// A point in a site's local engineering coordinates, metres, Z up.
///
/// Local coordinates (the IFC model's world frame after unit scaling) keep millimetre
/// precision for rack layouts; the site's geographic anchor is kept separately.
public struct Point3D: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}
