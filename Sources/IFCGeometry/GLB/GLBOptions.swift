/// GLB export switches.
public struct GLBOptions: Sendable, Hashable {
    /// IFC is Z-up, glTF is Y-up: the root node rotates -90° about X, so
    /// (x, y, z)_IFC = (x, z, -y)_glTF. Disable to keep IFC axes.
    public var yUp = true
    /// Coordinates are written relative to this centre (metres, IFC axes);
    /// nil = centre of the selected products' bounds. Keeps Float precision for
    /// georeferenced models with coordinates in the millions.
    public var tileCentre: Vec3?
    /// Put the tile centre back as the root node translation (true world
    /// coordinates in the viewer) or leave the scene centred at the origin.
    public var rootTranslation = true
    /// KHR_mesh_quantization: int16 positions and int8 normals with a
    /// dequantising node matrix (about half the size).
    public var quantize = false

    public init() {}
}
