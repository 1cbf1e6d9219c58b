import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore: ReportRepository {
    public func inletHours(siteID: UUID, buildingID: UUID?, from: Date, to: Date) async throws -> [InletHours] {
        try await rows("""
            SELECT p.name, a.name, count(*), count(*) FILTER (WHERE r.sum / r.count BETWEEN 18 AND 27),
                   count(*) FILTER (WHERE r.max <= coalesce((p.thresholds ->> 'warn_high')::float8, 27)), max(r.max),
                   coalesce((p.thresholds ->> 'warn_high')::float8, 27)
            FROM points p JOIN assets a ON a.id = p.asset_id AND a.kind = 'rack'
            JOIN readings_1h r ON r.point_key = p.key
            WHERE p.site_id = \(siteID) AND (\(buildingID)::uuid IS NULL OR p.building_id = \(buildingID)::uuid)
              AND p.quantity = 'temperature' AND p.retired_at IS NULL AND r.bucket >= \(from) AND r.bucket < \(to) AND r.count > 0
            GROUP BY p.id, p.name, a.name, p.thresholds
            """) { row in
            let (point, rack, hours, band, within, maximum, warn) = try row.decode((String, String, Int64, Int64, Int64, Double, Double).self)
            return InletHours(pointName: point, rackName: rack, hours: Int(hours), inRecommendedBand: Int(band), withinThreshold: Int(within),
                              maximumC: maximum, warnHighC: warn)
        }
    }

    public func batteryTrends(siteID: UUID, buildingID: UUID?, from: Date, to: Date) async throws -> [BatteryTrend] {
        try await rows("""
            SELECT a.name, coalesce(p.external_key, p.id::text), p.quantity, min(r.bucket), max(r.bucket),
                   (array_agg(r.sum / r.count ORDER BY r.bucket))[1], (array_agg(r.sum / r.count ORDER BY r.bucket DESC))[1],
                   min(r.min), max(r.max)
            FROM points p JOIN assets a ON a.id = p.asset_id AND a.kind = 'power_unit'
            JOIN readings_1h r ON r.point_key = p.key
            WHERE p.site_id = \(siteID) AND (\(buildingID)::uuid IS NULL OR p.building_id = \(buildingID)::uuid)
              AND p.quantity IN ('state_of_health', 'cell_resistance') AND p.retired_at IS NULL
              AND r.bucket >= \(from) AND r.bucket < \(to) AND r.count > 0
            GROUP BY a.name, p.id, p.external_key, p.quantity
            ORDER BY a.name, p.external_key
            """) { row in
            let (ups, key, quantity, firstAt, lastAt, first, last, minimum, maximum) =
                try row.decode((String, String, String, Date, Date, Double, Double, Double, Double).self)
            return BatteryTrend(upsName: ups, pointKey: key, quantity: quantity, firstAt: firstAt, lastAt: lastAt, first: first, last: last,
                                minimum: minimum, maximum: maximum)
        }
    }
}
