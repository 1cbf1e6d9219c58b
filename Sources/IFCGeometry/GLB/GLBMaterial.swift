/// Minimal PBR material: IFC surface styles rarely carry more than a colour
/// and a transparency.
public struct GLBMaterial: Sendable, Hashable {
    public var name: String?
    /// Linear RGBA, 0...1; alpha < 1 is written with alphaMode BLEND.
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(name: String? = nil, red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.name = name
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    public static let defaultGrey = GLBMaterial(name: "default", red: 0.8, green: 0.8, blue: 0.8)
}
