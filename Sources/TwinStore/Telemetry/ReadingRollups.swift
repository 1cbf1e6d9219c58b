import TwinDomain

/// A batch's 1-minute and 1-hour rollups and latest values, computed in Swift from readings known
/// to be all new (the COPY path inserts every row or fails), so PostgreSQL merges a few thousand
/// aggregate rows instead of grouping the batch again.
///
/// Buckets are UTC: `date_trunc` in the bind path is given 'UTC' too, so both paths agree whatever
/// the session's time zone.
struct ReadingRollups {
    struct Bucket {
        var min: Double
        var max: Double
        var sum: Double
        var count: Int64
        var lastTime: Int64
        var lastValue: Double

        init(_ reading: Reading) {
            min = reading.value
            max = reading.value
            sum = reading.value
            count = 1
            lastTime = reading.timeMicros
            lastValue = reading.value
        }

        mutating func add(_ reading: Reading) {
            min = Swift.min(min, reading.value)
            max = Swift.max(max, reading.value)
            sum += reading.value
            count += 1
            if reading.timeMicros >= lastTime {
                lastTime = reading.timeMicros
                lastValue = reading.value
            }
        }

        mutating func merge(_ other: Self) {
            min = Swift.min(min, other.min)
            max = Swift.max(max, other.max)
            sum += other.sum
            count += other.count
            if other.lastTime >= lastTime {
                lastTime = other.lastTime
                lastValue = other.lastValue
            }
        }
    }

    struct Key: Hashable {
        var pointKey: Int64
        var bucket: Int64
    }

    static let minute: Int64 = 60_000_000
    static let hour: Int64 = 3_600_000_000

    private(set) var minutes: [Key: Bucket] = [:]
    private(set) var hours: [Key: Bucket] = [:]
    private(set) var latest: [Int64: Reading] = [:]

    init(_ readings: [Reading]) {
        for reading in readings {
            let minuteKey = Key(pointKey: reading.pointKey, bucket: Self.floor(reading.timeMicros, Self.minute))
            if let index = minutes.index(forKey: minuteKey) {
                minutes.values[index].add(reading)
            } else {
                minutes[minuteKey] = Bucket(reading)
            }
            if let current = latest[reading.pointKey], current.timeMicros > reading.timeMicros {} else {
                latest[reading.pointKey] = reading
            }
        }
        // An hour is the merge of its minutes.
        for (key, minute) in minutes {
            let hourKey = Key(pointKey: key.pointKey, bucket: Self.floor(key.bucket, Self.hour))
            if let index = hours.index(forKey: hourKey) {
                hours.values[index].merge(minute)
            } else {
                hours[hourKey] = minute
            }
        }
    }

    static func floor(_ micros: Int64, _ width: Int64) -> Int64 {
        let remainder = micros % width
        return remainder < 0 ? micros - remainder - width : micros - remainder
    }
}
