import Foundation

/// The names a gateway may use for a point in an MQTT topic: its site's, its building's and
/// those of the assets it belongs to (the measured asset and the sensor producing it).
public struct PointAddress: Sendable, Hashable {
    public var pointID: UUID
    public var siteName: String
    public var buildingName: String?
    public var assetName: String?
    public var assetTag: String?
    public var sensorName: String?
    public var sensorTag: String?

    public init(pointID: UUID, siteName: String, buildingName: String? = nil, assetName: String? = nil, assetTag: String? = nil,
                sensorName: String? = nil, sensorTag: String? = nil) {
        self.pointID = pointID
        self.siteName = siteName
        self.buildingName = buildingName
        self.assetName = assetName
        self.assetTag = assetTag
        self.sensorName = sensorName
        self.sensorTag = sensorTag
    }
}
