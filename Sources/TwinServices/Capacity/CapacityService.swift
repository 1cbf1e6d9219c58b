import CapacityCore
import Foundation
import Logging
import TwinDomain

/// Capacity planning over the twin: each rack's U space, power (nameplate, allocated, measured),
/// feeds with N+1, weight and cooling, rolled up; the placement finder; and U reservations
/// (`assets.write`, audited, with an expiry). Reads need `assets.read` on the place.
public struct CapacityService: Sendable {
    public enum CapacityError: Error, Sendable, Equatable {
        case invalid(field: String, reason: String)
        /// The reservation overlaps devices or another reservation.
        case occupied(String)
    }

    /// What a report or placement is about: a site, a building, a floor or a space (or a rack).
    public struct Scope: Sendable, Hashable {
        public var siteID: UUID?
        public var buildingID: UUID?
        public var floorID: UUID?
        public var spaceID: UUID?
        public var rackID: UUID?
        public init(siteID: UUID? = nil, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil, rackID: UUID? = nil) {
            self.siteID = siteID
            self.buildingID = buildingID
            self.floorID = floorID
            self.spaceID = spaceID
            self.rackID = rackID
        }
    }

    /// A computed report and the names of the places it rolls up to.
    public struct Report: Sendable {
        public var model: CapacityModel
        public var names: [String: String]
        public var windowHours: Double
        public var unratedCoolingUnits: Int
    }

    let store: any CapacityRepository & TwinRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let now: @Sendable () -> Date
    let cache: CapacityRowCache?

    public init(store: any CapacityRepository & TwinRepository, cache: CapacityRowCache? = nil, logger: Logger,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.cache = cache
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
        self.now = now
    }

    /// The capacity of the place; nil when the caller cannot see it.
    public func report(_ scope: Scope, windowHours: Double = 24, thresholds: CapacityThresholds = CapacityThresholds(),
                       principal: Principal) async throws -> Report? {
        try await report(scope, windowHours: windowHours, thresholds: thresholds, names: true, principal: principal)
    }

    /// `names: false` skips reading the place names (a placement answer names racks only).
    func report(_ scope: Scope, windowHours: Double, thresholds: CapacityThresholds, names withNames: Bool,
                principal: Principal) async throws -> Report? {
        guard windowHours.isFinite, windowHours > 0, windowHours <= 24 * 400 else {
            throw CapacityError.invalid(field: "window_h", reason: "must be > 0 and at most 9,600 hours")
        }
        guard thresholds.amber > 0, thresholds.red > thresholds.amber, thresholds.red <= 10 else {
            throw CapacityError.invalid(field: "amber", reason: "0 < amber < red ≤ 10 (fractions: 0.6 is 60 %)")
        }
        let access = principal.scope(for: .assetsRead)
        guard let place = try await resolve(scope, access: access) else { return nil }
        // Rows are read unscoped into the cache (the place itself was checked above) and filtered here.
        let (allRows, systems) = try await assetRows(siteID: place.siteID, buildingID: place.buildingID)
        let rows = allRows.filter { access.contains(siteID: $0.siteID, buildingID: $0.buildingID) }
        let (nodes, rackFeeds) = PowerChainInference.infer(rows, systems: systems)
        var racks = rows.filter { $0.kind == .rack && $0.rack != nil }
        if let floor = scope.floorID { racks = racks.filter { $0.floorID == floor } }
        if let space = scope.spaceID { racks = racks.filter { $0.spaceID == space } }
        if let rack = scope.rackID { racks = racks.filter { $0.id == rack } }
        let rackIDs = Set(racks.map(\.id))
        let measured = try await measuredPower(rackIDs: rackIDs, windowHours: windowHours, place: place, scope: scope)
        let reservations = try await store.rackReservations(rackIDs: rackIDs, at: now())
        func id(_ uuid: UUID?) -> String? { uuid?.uuidString.lowercased() }
        let input = CapacityInput(
            racks: racks.map { rack in
                CapacityInput.Rack(id: id(rack.id)!, name: rack.name, row: rack.properties["RowName"],
                                   place: .init(siteID: id(rack.siteID)!, buildingID: id(rack.buildingID), floorID: id(rack.floorID),
                                                spaceID: id(rack.spaceID)),
                                   uHeight: rack.rack!.uHeight, powerBudgetW: rack.rack!.powerBudgetW, weightBudgetKg: rack.rack!.weightBudgetKg,
                                   coolingBudgetW: rack.rack!.coolingBudgetW, feeds: rackFeeds[rack.id] ?? [])
            },
            devices: rows.filter { $0.kind != .rack && $0.parentID.map(rackIDs.contains) == true }.map { device in
                CapacityInput.Device(id: id(device.id)!, name: device.name, rackID: id(device.parentID)!, uPosition: device.mounting?.uPosition,
                                     uHeight: device.mounting?.uHeight, nameplateW: device.powerDrawW,
                                     allocatedW: PowerChainInference.numbers(device.properties["AllocatedPowerW"]), weightKg: device.weightKg)
            },
            powerNodes: nodes,
            coolingUnits: rows.filter { $0.kind == .coolingUnit }.compactMap { unit in
                // The asset's rating, else one written in its type's name ("CRAC 100kW").
                guard let capacity = unit.ratedCapacityW ?? unit.typeName.flatMap(PowerChainInference.ratingInName) else { return nil }
                return CapacityInput.CoolingUnit(id: id(unit.id)!, name: unit.name, spaceID: id(unit.spaceID), capacityW: capacity)
            },
            reservations: reservations.map { .init(id: id($0.id)!, rackID: id($0.rackID)!, uPosition: $0.uPosition, uHeight: $0.uHeight) },
            measured: Dictionary(measured.map { (id($0.key)!, CapacityInput.Measured(maxW: $0.value.max, p95W: $0.value.p95)) },
                                 uniquingKeysWith: { a, _ in a }))
        let model = CapacityModel(input, thresholds: thresholds)
        var names: [String: String] = [:]
        if withNames {
            if let building = place.buildingID, let b = try await store.building(id: building, scope: access) { names[id(b.id)!] = b.name }
            for floor in try await floors(of: place, access: access) { names[id(floor.id)!] = floor.name }
            for space in try await spaces(of: place, access: access) { names[id(space.id)!] = space.name }
        }
        return Report(model: model, names: names, windowHours: windowHours,
                      unratedCoolingUnits: rows.filter {
                          $0.kind == .coolingUnit && $0.ratedCapacityW == nil && $0.typeName.flatMap(PowerChainInference.ratingInName) == nil
                      }.count)
    }

    func assetRows(siteID: UUID, buildingID: UUID?) async throws -> (rows: [CapacityAssetRow], systems: [UUID: String]) {
        if let cached = cache?.rows(siteID: siteID, buildingID: buildingID) { return cached }
        let started = ContinuousClock.now
        let rows = try await store.capacityAssets(siteID: siteID, buildingID: buildingID, scope: .everything)
        let systems = try await store.systemNames(ids: Set(rows.flatMap(\.systemIDs)))
        cache?.store(rows: rows, systems: systems, siteID: siteID, buildingID: buildingID, loadedAt: started)
        return (rows, systems)
    }

    func measuredPower(rackIDs: Set<UUID>, windowHours: Double, place: (siteID: UUID, buildingID: UUID?),
                       scope: Scope) async throws -> [UUID: (max: Double, p95: Double)] {
        let key = "\(place.siteID)/\(place.buildingID?.uuidString ?? "-")/\(scope.floorID?.uuidString ?? "-")/\(scope.spaceID?.uuidString ?? "-")/\(scope.rackID?.uuidString ?? "-")/\(windowHours)"
        if let cached = cache?.measured(key) { return cached }
        let values = try await store.measuredRackPower(rackIDs: rackIDs, from: now().addingTimeInterval(-windowHours * 3600),
                                                       hourly: windowHours > 6)
        cache?.store(measured: values, key: key)
        return values
    }

    /// Racks of the place ranked for the request; nil when the place is not visible.
    public func placements(_ request: PlacementRequest, scope: Scope, principal: Principal) async throws -> [Placement]? {
        if let problem = request.problem() { throw CapacityError.invalid(field: problem.field, reason: problem.reason) }
        guard let report = try await report(scope, windowHours: 24, thresholds: CapacityThresholds(), names: false,
                                            principal: principal) else { return nil }
        return report.model.place(request)
    }

    // MARK: Reservations

    public func reservations(siteID: UUID?, principal: Principal) async throws -> [RackReservation] {
        try await store.rackReservations(siteID: siteID, at: now(), scope: principal.scope(for: .assetsRead))
    }

    /// Holds `uHeight` units from `uPosition` of a rack until `expiresAt`; nil when the rack is not visible.
    public func reserve(rackID: UUID, uPosition: Int, uHeight: Int, expiresAt: Date, note: String?, by principal: Principal,
                        context: AuditContext) async throws -> RackReservation? {
        guard let rack = try await store.asset(id: rackID, scope: principal.scope(for: .assetsRead)), rack.kind == .rack,
              rack.retiredInVersion == nil else { return nil }
        guard let capacity = rack.rack else { throw CapacityError.invalid(field: "rack_id", reason: "the rack has no U height") }
        guard uHeight >= 1, uPosition >= 1, uPosition + uHeight - 1 <= capacity.uHeight else {
            throw CapacityError.invalid(field: "u_position", reason: "U\(uPosition)–U\(uPosition + uHeight - 1) is outside the rack's 1…\(capacity.uHeight)")
        }
        guard expiresAt > now(), expiresAt < now().addingTimeInterval(5 * 365 * 86_400) else {
            throw CapacityError.invalid(field: "expires_at", reason: "must lie in the future, within five years")
        }
        if let note, note.count > 2_000 { throw CapacityError.invalid(field: "note", reason: "at most 2,000 characters") }
        // Units taken by devices cannot be reserved (the rows capacity reads, cached until the next asset change).
        let rows = try await assetRows(siteID: rack.siteID, buildingID: rack.buildingID).rows
        let last = uPosition + uHeight - 1
        if let device = rows.first(where: { row in
            guard row.parentID == rackID, let m = row.mounting else { return false }
            return m.uPosition <= last && m.uPosition + m.uHeight - 1 >= uPosition
        }) {
            throw CapacityError.occupied("U\(uPosition)–U\(last) overlaps \(device.name)")
        }
        let reservation = RackReservation(siteID: rack.siteID, buildingID: rack.buildingID, rackID: rackID, uPosition: uPosition,
                                          uHeight: uHeight, note: note, expiresAt: expiresAt, createdBy: principal.name, createdAt: now())
        let change = Change(permission: .assetsWrite, action: "rack-reservation.create", objectKind: "rack-reservation",
                            objectID: reservation.id.uuidString.lowercased(), siteID: rack.siteID, buildingID: rack.buildingID)
        let time = now()
        do {
            return try await gateway.perform(change, by: principal, context: context) { tx, scope in
                try scope.require(siteID: rack.siteID, buildingID: rack.buildingID)
                let stored = try await tx.insertRackReservation(reservation, now: time)
                return ChangeResult(stored, siteID: stored.siteID, buildingID: stored.buildingID, after: Self.audit(stored, rack: rack.name))
            }
        } catch RepositoryError.conflict {
            throw CapacityError.occupied("U\(uPosition)–U\(last) overlaps another reservation of \(rack.name)")
        }
    }

    public func cancel(id: UUID, by principal: Principal, context: AuditContext) async throws -> Bool {
        guard let visible = try await store.rackReservation(id: id, scope: principal.scope(for: .assetsRead)) else { return false }
        let change = Change(permission: .assetsWrite, action: "rack-reservation.delete", objectKind: "rack-reservation",
                            objectID: id.uuidString.lowercased(), siteID: visible.siteID, buildingID: visible.buildingID)
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: visible.siteID, buildingID: visible.buildingID)
            guard let gone = try await tx.deleteRackReservation(id: id) else { throw RepositoryError.notFound }
            return ChangeResult(true, siteID: gone.siteID, buildingID: gone.buildingID, before: Self.audit(gone, rack: nil))
        }
    }

    static func audit(_ r: RackReservation, rack: String?) -> CanonicalJSON {
        var members: [String: CanonicalJSON] = [
            "id": .string(r.id.uuidString.lowercased()), "rack_id": .string(r.rackID.uuidString.lowercased()),
            "u_position": .int(Int64(r.uPosition)), "u_height": .int(Int64(r.uHeight)),
            "expires_at": .string(ISO8601DateFormatter().string(from: r.expiresAt)),
        ]
        if let rack { members["rack"] = .string(rack) }
        if let note = r.note { members["note"] = .string(note) }
        return .object(members)
    }

    // MARK: Places

    /// The site and building a scope lies in, checked against what the caller may read.
    func resolve(_ scope: Scope, access: AccessScope) async throws -> (siteID: UUID, buildingID: UUID?)? {
        if let rackID = scope.rackID {
            guard let rack = try await store.asset(id: rackID, scope: access), rack.kind == .rack else { return nil }
            return (rack.siteID, rack.buildingID)
        }
        if let spaceID = scope.spaceID {
            guard let space = try await store.space(id: spaceID, scope: access) else { return nil }
            return (space.siteID, space.buildingID)
        }
        if let floorID = scope.floorID {
            guard let floor = try await store.floor(id: floorID, scope: access) else { return nil }
            return (floor.siteID, floor.buildingID)
        }
        if let buildingID = scope.buildingID {
            guard let building = try await store.building(id: buildingID, scope: access) else { return nil }
            return (building.siteID, building.id)
        }
        if let siteID = scope.siteID {
            guard try await store.site(id: siteID, scope: access) != nil else { return nil }
            return (siteID, nil)
        }
        throw CapacityError.invalid(field: "scope", reason: "name a site, building, floor, space or rack")
    }

    func floors(of place: (siteID: UUID, buildingID: UUID?), access: AccessScope) async throws -> [Floor] {
        guard let building = place.buildingID else { return [] }
        return try await store.floors(buildingID: building, page: PageRequest(limit: PageRequest.maximumLimit), scope: access).items
    }

    func spaces(of place: (siteID: UUID, buildingID: UUID?), access: AccessScope) async throws -> [Space] {
        guard let building = place.buildingID else { return [] }
        return try await store.spaces(buildingID: building, floorID: nil, zoneID: nil, text: nil,
                                      page: PageRequest(limit: PageRequest.maximumLimit), scope: access).items
    }
}
