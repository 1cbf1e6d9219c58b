import Foundation
import Logging
import TelemetryCore
import TwinDomain

/// Points and their history for the API: scoped reads, and point creation through the one
/// audited change path (`point.create`, permission `assets.write`).
public struct TelemetryService: Sendable {
    let twin: any TwinRepository
    let telemetry: any TelemetryRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let directory: PointDirectory?

    public init(twin: any TwinRepository, telemetry: any TelemetryRepository, directory: PointDirectory?, logger: Logger) {
        self.twin = twin
        self.telemetry = telemetry
        self.directory = directory
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: twin), logger: logger)
    }

    public func points(_ query: PointQuery, principal: Principal) async throws -> Page<Point> {
        try await telemetry.points(query, scope: principal.scope(for: .assetsRead))
    }

    public func point(id: UUID, principal: Principal) async throws -> Point? {
        try await telemetry.point(id: id, scope: principal.scope(for: .assetsRead))
    }

    /// History of a point the caller may read; nil when it is not (or does not exist).
    public func series(pointID: UUID, from: Date, to: Date, interval: ReadingSeriesQuery.Interval,
                       aggregate: ReadingSeriesQuery.Aggregate, limit: Int, principal: Principal) async throws -> (Point, [ReadingSample])? {
        guard let point = try await point(id: pointID, principal: principal) else { return nil }
        let query = ReadingSeriesQuery(pointKey: point.key, fromMicros: AuditEntry.nowMicros(from), toMicros: AuditEntry.nowMicros(to),
                                       interval: interval, aggregate: aggregate, limit: limit)
        return (point, try await telemetry.series(query))
    }

    /// The latest value of each live point of an asset (nil: no such asset in scope).
    public func assetTelemetry(assetID: UUID, principal: Principal) async throws -> [(Point, Reading?)]? {
        let scope = principal.scope(for: .assetsRead)
        guard try await twin.asset(id: assetID, scope: scope) != nil else { return nil }
        return try await latest(PointQuery(assetID: assetID, page: PageRequest(limit: 1000)), scope: scope)
    }

    /// The latest value of every live point on a floor (nil: no such floor in scope).
    public func floorTelemetry(floorID: UUID, principal: Principal) async throws -> [(Point, Reading?)]? {
        let scope = principal.scope(for: .assetsRead)
        guard try await twin.floor(id: floorID, scope: scope) != nil else { return nil }
        return try await latest(PointQuery(floorID: floorID, page: PageRequest(limit: 1000)), scope: scope)
    }

    /// Bounded: at most 20 pages of 1,000 points (a floor of a large hall).
    func latest(_ query: PointQuery, scope: AccessScope) async throws -> [(Point, Reading?)] {
        var points: [Point] = []
        var query = query
        for _ in 0..<20 {
            let page = try await telemetry.points(query, scope: scope)
            points += page.items
            guard let next = page.nextCursor else { break }
            query.page = PageRequest(cursor: next, limit: query.page.limit)
        }
        let latest = try await telemetry.latest(pointKeys: points.map(\.key))
        return points.map { ($0, latest[$0.key]) }
    }

    public struct NewPoint: Sendable {
        public var siteID: UUID?
        public var assetID: UUID?
        public var spaceID: UUID?
        public var sensorAssetID: UUID?
        public var externalKey: String?
        public var topic: String?
        public var name: String
        public var quantity: Quantity
        public var unit: String?
        public var expectedIntervalSeconds: Double?
        public var validMin: Double?
        public var validMax: Double?
        public var thresholds: PointThresholds

        public init(siteID: UUID? = nil, assetID: UUID? = nil, spaceID: UUID? = nil, sensorAssetID: UUID? = nil, externalKey: String? = nil,
                    topic: String? = nil, name: String, quantity: Quantity, unit: String? = nil, expectedIntervalSeconds: Double? = nil,
                    validMin: Double? = nil, validMax: Double? = nil, thresholds: PointThresholds = PointThresholds()) {
            self.siteID = siteID
            self.assetID = assetID
            self.spaceID = spaceID
            self.sensorAssetID = sensorAssetID
            self.externalKey = externalKey
            self.topic = topic
            self.name = name
            self.quantity = quantity
            self.unit = unit
            self.expectedIntervalSeconds = expectedIntervalSeconds
            self.validMin = validMin
            self.validMax = validMax
            self.thresholds = thresholds
        }
    }

    public enum PointError: Error, Sendable, Equatable {
        case invalid([String])
    }

    /// Creates a point where the caller may write assets; it takes its site, building, floor and
    /// space from the asset it measures when one is given.
    public func create(_ input: NewPoint, by principal: Principal, context: AuditContext) async throws -> Point {
        var problems: [String] = []
        let name = input.name.trimmingCharacters(in: .whitespaces)
        if !(1...200).contains(name.count) { problems.append("name: 1…200 characters") }
        if let key = input.externalKey, !(1...256).contains(key.count) { problems.append("external_key: 1…256 characters") }
        var unit = input.quantity.canonicalUnit.symbol
        if let text = input.unit {
            do {
                let parsed = try MeasurementUnit(parsing: text)
                guard input.quantity.accepts(parsed) else { throw UnitError.unitMismatch(unit: parsed, quantity: input.quantity) }
                unit = parsed.symbol
            } catch {
                problems.append("unit: \(error)")
            }
        }
        if let low = input.validMin, let high = input.validMax, low > high { problems.append("valid_min: greater than valid_max") }
        if let interval = input.expectedIntervalSeconds, !(interval > 0 && interval.isFinite) { problems.append("expected_interval_s: positive") }
        guard problems.isEmpty else { throw PointError.invalid(problems) }

        let scope = principal.scope(for: .assetsWrite)
        var point = Point(siteID: input.siteID ?? UUID(), spaceID: input.spaceID, assetID: input.assetID, sensorAssetID: input.sensorAssetID,
                          externalKey: input.externalKey, topic: input.topic, name: name, quantity: input.quantity, unit: unit,
                          expectedIntervalSeconds: input.expectedIntervalSeconds, validMin: input.validMin, validMax: input.validMax,
                          thresholds: input.thresholds, origin: "manual")
        if let assetID = input.assetID {
            guard let asset = try await twin.asset(id: assetID, scope: scope) else { throw PointError.invalid(["asset_id: no such asset"]) }
            if let site = input.siteID, site != asset.siteID { throw PointError.invalid(["site_id: the asset is in another site"]) }
            point.siteID = asset.siteID
            point.buildingID = asset.buildingID
            point.floorID = asset.floorID
            point.spaceID = input.spaceID ?? asset.spaceID
        } else if input.siteID == nil {
            throw PointError.invalid(["site_id: required unless asset_id names an asset"])
        }
        let change = Change(permission: .assetsWrite, action: "point.create", objectKind: "point",
                            objectID: point.id.uuidString.lowercased(), siteID: point.siteID, buildingID: point.buildingID)
        let candidate = point
        let stored = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: candidate.siteID, buildingID: candidate.buildingID)
            let stored = try await tx.insertPoint(candidate)
            return ChangeResult(stored, siteID: stored.siteID, buildingID: stored.buildingID, after: .object([
                "name": .string(stored.name), "quantity": .string(stored.quantity.rawValue), "unit": .string(stored.unit),
                "external_key": stored.externalKey.map { .string($0) } ?? .null,
            ]))
        }
        directory?.invalidate()
        return stored
    }
}
