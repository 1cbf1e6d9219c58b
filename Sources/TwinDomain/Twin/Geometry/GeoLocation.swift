/// Where a site is on Earth (WGS 84 degrees, metres above the ellipsoid/datum as given).
///
/// Comes from IfcSite RefLatitude/RefLongitude/RefElevation or from an IfcMapConversion with a
/// known CRS; stored as PostGIS `geography(PointZ, 4326)`.
public struct GeoLocation: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double
    public var elevation: Double?

    public init(latitude: Double, longitude: Double, elevation: Double? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.elevation = elevation
    }

    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }
}
