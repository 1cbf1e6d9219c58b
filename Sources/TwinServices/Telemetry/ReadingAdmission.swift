import Foundation
import TelemetryCore
import TwinDomain

/// The checks every reading passes before the spool, whichever way it came (HTTP or MQTT):
/// timestamp within the retention and at most `maxFutureSkew` ahead, unit convertible to the
/// quantity's canonical unit, and the converted value finite and within the point's valid range.
/// Conversions are parsed once per (quantity, unit) for the admission's life, not per reading.
struct ReadingAdmission {
    enum Outcome {
        case accepted(Reading)
        case refused(code: String, message: String)
    }

    struct ConversionKey: Hashable {
        var quantity: Quantity
        var unit: String
    }

    let nowMicros: Int64
    let latest: Int64
    let oldest: Int64
    let maxFutureSkewSeconds: Int64
    private var conversions: [ConversionKey: Result<UnitConversion, UnitError>] = [:]

    init(now: Date, retention: Duration, maxFutureSkew: Duration) {
        nowMicros = AuditEntry.nowMicros(now)
        maxFutureSkewSeconds = maxFutureSkew.components.seconds
        latest = nowMicros + maxFutureSkewSeconds * 1_000_000
        oldest = nowMicros - retention.components.seconds * 1_000_000
    }

    mutating func admit(_ decoded: DecodedReading, point: Point) -> Outcome {
        let time = decoded.timeMicros ?? nowMicros
        if time > latest {
            return .refused(code: "future_timestamp", message: "timestamp is more than \(maxFutureSkewSeconds) s in the future")
        }
        if time < oldest { return .refused(code: "too_old", message: "timestamp is older than the readings retention") }
        let unitText = decoded.unit ?? point.unit
        let key = ConversionKey(quantity: point.quantity, unit: unitText)
        let conversion: Result<UnitConversion, UnitError>
        if let known = conversions[key] {
            conversion = known
        } else {
            do { conversion = .success(try point.quantity.conversion(from: unitText)) } catch { conversion = .failure(error) }
            conversions[key] = conversion
        }
        let value: Double
        switch conversion {
        case .success(let map): value = map.apply(decoded.value)
        case .failure(let error): return .refused(code: "unit_mismatch", message: "\(error)")
        }
        guard value.isFinite, point.validRange.contains(value) else {
            return .refused(code: "out_of_range",
                            message: "\(value) \(point.quantity.canonicalUnit.symbol) is outside \(point.validRange.lowerBound)…\(point.validRange.upperBound)")
        }
        return .accepted(Reading(pointKey: point.key, timeMicros: time, value: value, quality: decoded.quality))
    }
}
