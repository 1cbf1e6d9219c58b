import Foundation
import TelemetryCore

/// One measured quantity: a rack's inlet temperature, a PDU's active power, a leak contact.
///
/// Brick's vocabulary, flattened: the point `isPointOf` its asset, `hasLocation` its space, and is
/// produced by its sensor asset where one exists. Values are stored in the quantity's canonical
/// unit; `unit` is what the point's readings arrive in by default.
public struct Point: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// Compact store key used in the readings tables (8 bytes per row instead of 16); assigned by the store.
    public var key: Int64
    public var siteID: UUID
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    /// The asset measured (`isPointOf`).
    public var assetID: UUID?
    /// The sensor asset that produces the readings, where it exists in the model.
    public var sensorAssetID: UUID?
    /// The gateway's own name for the point; unique within the site.
    public var externalKey: String?
    /// The MQTT topic the point arrives on, when mapped explicitly.
    public var topic: String?
    public var name: String
    public var quantity: Quantity
    /// Canonical symbol of the default incoming unit.
    public var unit: String
    /// How often a reading is expected; staleness is measured against it.
    public var expectedIntervalSeconds: Double?
    /// Readings outside are refused at ingest (canonical unit); defaults to the quantity's plausible range.
    public var validMin: Double?
    public var validMax: Double?
    /// Thresholds from the source (the sample's `Atrium_Sensor` pset), kept for the alarm engine.
    public var thresholds: PointThresholds
    /// `import` (from a model), `rule` (implied by an asset's kind) or `manual` (REST).
    public var origin: String
    public var retiredAt: Date?
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUID(), key: Int64 = 0, siteID: UUID, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil,
                assetID: UUID? = nil, sensorAssetID: UUID? = nil, externalKey: String? = nil, topic: String? = nil, name: String,
                quantity: Quantity, unit: String? = nil, expectedIntervalSeconds: Double? = nil, validMin: Double? = nil,
                validMax: Double? = nil, thresholds: PointThresholds = PointThresholds(), origin: String = "manual",
                retiredAt: Date? = nil, revision: Int64 = 1, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.key = key
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.assetID = assetID
        self.sensorAssetID = sensorAssetID
        self.externalKey = externalKey
        self.topic = topic
        self.name = name
        self.quantity = quantity
        self.unit = unit ?? quantity.canonicalUnit.symbol
        self.expectedIntervalSeconds = expectedIntervalSeconds
        self.validMin = validMin
        self.validMax = validMax
        self.thresholds = thresholds
        self.origin = origin
        self.retiredAt = retiredAt
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The range readings must fall in (canonical unit).
    public var validRange: ClosedRange<Double> {
        let fallback = quantity.defaultValidRange
        let low = validMin ?? fallback.lowerBound
        let high = max(validMax ?? fallback.upperBound, low)
        return low...high
    }
}
