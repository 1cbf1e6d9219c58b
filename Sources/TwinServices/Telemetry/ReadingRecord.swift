import TelemetryCore
import TwinDomain

/// Readings as spool records: 25 bytes each, little-endian (point key, time µs, value bits,
/// quality), packed many to a record (one frame and CRC per chunk, not per reading).
///
/// Readings are validated and converted before they are spooled, so the drain only copies them to
/// PostgreSQL.
enum ReadingRecord {
    static let size = 25
    /// Readings per spool record (~500 KB, under the spool's 1 MiB record limit).
    static let perRecord = 20_000

    /// The readings packed into records of at most ``perRecord`` each.
    static func records(_ readings: [Reading]) -> [[UInt8]] {
        stride(from: 0, to: readings.count, by: perRecord).map { start in
            let end = min(start + perRecord, readings.count)
            return [UInt8](unsafeUninitializedCapacity: (end - start) * size) { buffer, count in
                var at = 0
                for reading in readings[start..<end] {
                    write(reading, into: buffer, at: at)
                    at += size
                }
                count = at
            }
        }
    }

    /// Writes one reading's 25 bytes at `at` (no intermediate array: this runs per reading).
    @inline(__always)
    static func write(_ reading: Reading, into buffer: UnsafeMutableBufferPointer<UInt8>, at: Int) {
        func put(_ value: UInt64, _ offset: Int) {
            for k in 0..<8 { buffer[at + offset + k] = UInt8(truncatingIfNeeded: value >> UInt64(8 * k)) }
        }
        put(UInt64(bitPattern: reading.pointKey), 0)
        put(UInt64(bitPattern: reading.timeMicros), 8)
        put(reading.value.bitPattern, 16)
        buffer[at + 24] = switch reading.quality {
        case .good: 0
        case .uncertain: 1
        case .bad: 2
        }
    }

    /// The readings of one record; nil if its length is not a multiple of 25 or a quality code is
    /// unknown. Decoded in place (the drain runs this for every reading).
    static func readings(in payload: [UInt8]) -> [Reading]? {
        guard payload.count % size == 0 else { return nil }
        var result: [Reading] = []
        result.reserveCapacity(payload.count / size)
        for at in stride(from: 0, to: payload.count, by: size) {
            func get(_ offset: Int) -> UInt64 {
                var value: UInt64 = 0
                for k in 0..<8 { value |= UInt64(payload[at + offset + k]) << UInt64(8 * k) }
                return value
            }
            let quality: ReadingQuality
            switch payload[at + 24] {
            case 0: quality = .good
            case 1: quality = .uncertain
            case 2: quality = .bad
            default: return nil
            }
            result.append(Reading(pointKey: Int64(bitPattern: get(0)), timeMicros: Int64(bitPattern: get(8)),
                                  value: Double(bitPattern: get(16)), quality: quality))
        }
        return result
    }
}
