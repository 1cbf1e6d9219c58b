import Foundation
import TelemetryCore
import TwinDomain
import TwinServices

/// `POST /v1/points`: what a caller may set; the store assigns id, key and timestamps.
struct PointRequestBody: Decodable {
    var site_id: UUID?
    var asset_id: UUID?
    var space_id: UUID?
    var sensor_asset_id: UUID?
    var external_key: String?
    var topic: String?
    var name: String
    var quantity: String
    var unit: String?
    var expected_interval_s: Double?
    var valid_min: Double?
    var valid_max: Double?
    var thresholds: Thresholds?

    struct Thresholds: Decodable {
        var warn_low: Double?
        var warn_high: Double?
        var alarm_low: Double?
        var alarm_high: Double?
    }

    func value() throws -> TelemetryService.NewPoint {
        guard let quantity = Quantity(rawValue: quantity) else {
            throw APIError(ProblemDetails(status: .unprocessableContent, detail: "quantity: unknown",
                                          errors: [.init(field: "quantity", message: "one of \(Quantity.allCases.map(\.rawValue).joined(separator: ", "))")]))
        }
        let t = thresholds
        return TelemetryService.NewPoint(
            siteID: site_id, assetID: asset_id, spaceID: space_id, sensorAssetID: sensor_asset_id, externalKey: external_key, topic: topic,
            name: name, quantity: quantity, unit: unit, expectedIntervalSeconds: expected_interval_s, validMin: valid_min, validMax: valid_max,
            thresholds: PointThresholds(warnLow: t?.warn_low, warnHigh: t?.warn_high, alarmLow: t?.alarm_low, alarmHigh: t?.alarm_high))
    }
}
