import AlarmCore
import Foundation
import TwinDomain

/// The first frame of a subscription: the newest value of every point under it and the open
/// alarms there, as the caller may see them now; what `reading` and `alarm.*` events then update.
public struct LiveSnapshots: Sendable {
    /// Points per snapshot at most (a site subscription of a large campus is cut, and says so).
    public static let maximumPoints = 5_000

    let points: LivePointIndex
    let telemetry: any TelemetryRepository
    let alarms: (any AlarmRepository)?

    public init(points: LivePointIndex, telemetry: any TelemetryRepository, alarms: (any AlarmRepository)?) {
        self.points = points
        self.telemetry = telemetry
        self.alarms = alarms
    }

    public func snapshot(_ subscription: LiveSubscription, scope: AccessScope) async throws -> CanonicalJSON {
        let all = try await points.all()
            .filter { subscription.contains($0) && scope.contains(siteID: $0.siteID, buildingID: $0.buildingID) }
            .sorted { $0.key < $1.key }
        let inTopic = Array(all.prefix(Self.maximumPoints))
        let latest = try await telemetry.latest(pointKeys: inTopic.map(\.key))
        let readings: [CanonicalJSON] = inTopic.map { point in
            let reading = latest[point.key]
            return .object([
                "pointId": .string(point.id.uuidString.lowercased()), "name": .string(point.name), "quantity": .string(point.quantity),
                "unit": .string(point.unit), "assetId": point.assetID.map { .string($0.uuidString.lowercased()) } ?? .null,
                "value": reading.map { .number($0.value) } ?? .null, "time_us": reading.map { .int($0.timeMicros) } ?? .null,
            ])
        }
        var open: [CanonicalJSON] = []
        if let alarms {
            let ids = Set(inTopic.map(\.id))
            var query = AlarmQuery(states: [.active, .acknowledged, .cleared], page: PageRequest(limit: PageRequest.maximumLimit))
            switch subscription.topic {
            case .site(let id): query.siteID = id
            case .building(let id), .box(let id, _): query.buildingID = id
            case .floor(let id): query.floorID = id
            case .space(let id): query.spaceID = id
            }
            open = try await alarms.alarms(query, scope: scope).items.filter { ids.contains($0.pointID) }.map(LiveAlarmPublisher.json)
        }
        return ["snapshot": .object([
            "topic": subscription.json, "readings": .array(readings), "alarms": .array(open),
            "truncated": .bool(all.count > inTopic.count),
        ])]
    }
}
