import STEP

/// Where the model sits on Earth: the site's reference point and, in IFC4+, the map conversion.
public struct IFCGeoreference: Sendable, Equatable {
    /// Decimal degrees from IfcSite RefLatitude/RefLongitude (compound angles), metres for elevation.
    public var latitude: Double?
    public var longitude: Double?
    public var elevation: Double?
    /// IfcMapConversion (IFC4+): project origin in the projected CRS, rotation and scale.
    public var eastings: Double?
    public var northings: Double?
    public var orthogonalHeight: Double?
    public var xAxisAbscissa: Double?
    public var xAxisOrdinate: Double?
    public var scale: Double?
    /// IfcProjectedCRS Name (usually "EPSG:xxxx") and geodetic datum.
    public var crsName: String?
    public var geodeticDatum: String?

    public init() {}
}
