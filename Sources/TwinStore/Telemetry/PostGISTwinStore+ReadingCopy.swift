import Foundation
import NIOCore
import PostgresNIO
import TwinDomain

/// The fast path of ``PostGISTwinStore/insertReadings(_:)``: readings by `COPY` (the bind path's
/// unnest, sort and conflict checks cost PostgreSQL about twice the CPU per row), then one
/// statement merging the batch's rollups and latest values, computed by ``ReadingRollups``.
extension PostGISTwinStore {
    /// Bytes of COPY text per message to the server.
    static let copyChunkBytes = 256 * 1024

    /// The readings inserted (all of them), nil when the text form cannot carry one exactly, or
    /// `RepositoryError.conflict` when one is stored already (nothing of the batch is then kept).
    func copyReadings(_ readings: [Reading]) async throws -> Int? {
        var chunks: [ByteBuffer] = []
        var buffer = ByteBufferAllocator().buffer(capacity: Self.copyChunkBytes + 128)
        var firstDay = Int64.max, lastDay = Int64.min
        for reading in readings {
            guard ReadingCopyText.append(reading, quality: Self.qualityCode(reading.quality), to: &buffer) else { return nil }
            if buffer.readableBytes >= Self.copyChunkBytes {
                chunks.append(buffer)
                buffer = ByteBufferAllocator().buffer(capacity: Self.copyChunkBytes + 128)
            }
            let day = ReadingRollups.floor(reading.timeMicros, 86_400_000_000) / 86_400_000_000
            firstDay = min(firstDay, day)
            lastDay = max(lastDay, day)
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
        let rollups = ReadingRollups(readings)
        let first = Date(timeIntervalSince1970: Double(firstDay) * 86_400)
        let last = Date(timeIntervalSince1970: Double(lastDay) * 86_400)
        let merge = Self.rollupMergeQuery(rollups)
        let logger = self.logger
        try await database.withTransaction { connection in
            try await Self.ensurePartitions(first, last, on: connection, logger: logger)
            try await connection.copyFrom(table: "readings", columns: ["point_key", "time", "value", "quality"], logger: logger) { writer in
                for chunk in chunks { try await writer.write(chunk) }
            }
            _ = try await connection.query(merge, logger: logger)
        }
        return readings.count
    }

    /// One statement: the minutes and hours merged into their rollups, each point's newest reading
    /// into `readings_latest` unless a newer one is there.
    static func rollupMergeQuery(_ rollups: ReadingRollups) -> PostgresQuery {
        func columns(_ buckets: [ReadingRollups.Key: ReadingRollups.Bucket])
            -> ([Int64], [Int64], [Double], [Double], [Double], [Int64], [Int64], [Double]) {
            var keys: [Int64] = [], starts: [Int64] = [], mins: [Double] = [], maxes: [Double] = [], sums: [Double] = []
            var counts: [Int64] = [], lastTimes: [Int64] = [], lastValues: [Double] = []
            for (key, bucket) in buckets {
                keys.append(key.pointKey)
                starts.append(key.bucket)
                mins.append(bucket.min)
                maxes.append(bucket.max)
                sums.append(bucket.sum)
                counts.append(bucket.count)
                lastTimes.append(bucket.lastTime)
                lastValues.append(bucket.lastValue)
            }
            return (keys, starts, mins, maxes, sums, counts, lastTimes, lastValues)
        }
        let m = columns(rollups.minutes)
        let h = columns(rollups.hours)
        let latest = Array(rollups.latest.values)
        let latestKeys = latest.map(\.pointKey), latestTimes = latest.map(\.timeMicros), latestValues = latest.map(\.value)
        let latestQualities = latest.map { qualityCode($0.quality) }
        // int8 → float8 is exact below 2^53 µs (year 2255), and so is the interval product.
        return """
            WITH minute AS (
                INSERT INTO readings_1m AS t (point_key, bucket, min, max, sum, count, last_time, last_value)
                SELECT k, timestamptz 'epoch' + b * interval '1 microsecond', mn, mx, s, c,
                       timestamptz 'epoch' + lt * interval '1 microsecond', lv
                FROM unnest(\(m.0)::int8[], \(m.1)::int8[], \(m.2)::float8[], \(m.3)::float8[], \(m.4)::float8[],
                            \(m.5)::int8[], \(m.6)::int8[], \(m.7)::float8[]) AS r(k, b, mn, mx, s, c, lt, lv)
                \(unescaped: rollupMerge)
                RETURNING 1
            ), hour AS (
                INSERT INTO readings_1h AS t (point_key, bucket, min, max, sum, count, last_time, last_value)
                SELECT k, timestamptz 'epoch' + b * interval '1 microsecond', mn, mx, s, c,
                       timestamptz 'epoch' + lt * interval '1 microsecond', lv
                FROM unnest(\(h.0)::int8[], \(h.1)::int8[], \(h.2)::float8[], \(h.3)::float8[], \(h.4)::float8[],
                            \(h.5)::int8[], \(h.6)::int8[], \(h.7)::float8[]) AS r(k, b, mn, mx, s, c, lt, lv)
                \(unescaped: rollupMerge)
                RETURNING 1
            ), latest AS (
                INSERT INTO readings_latest AS t (point_key, time, value, quality)
                SELECT k, timestamptz 'epoch' + lt * interval '1 microsecond', v, q
                FROM unnest(\(latestKeys)::int8[], \(latestTimes)::int8[], \(latestValues)::float8[], \(latestQualities)::int2[])
                    AS r(k, lt, v, q)
                ON CONFLICT (point_key) DO UPDATE SET time = excluded.time, value = excluded.value, quality = excluded.quality
                    WHERE excluded.time >= t.time
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM minute), (SELECT count(*) FROM hour), (SELECT count(*) FROM latest)
            """
    }
}
