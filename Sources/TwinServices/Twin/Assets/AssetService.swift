import Foundation
import Logging
import TwinDomain

/// Creates, updates and deletes assets that no model owns, through ``ChangeGateway`` so every
/// write is authorized (`assets.write`), scope-checked on the rows actually loaded inside the
/// transaction, and audited with its before/after snapshot.
///
/// Model assets are refused (`asset.model-owned`): the next import would silently undo the
/// edit. Rack rules are checked here so the client gets the rule's name; the store's
/// constraints (exclusion on U ranges) stay the last word under races.
public struct AssetService: Sendable {
    let repository: any TwinRepository
    let gateway: ChangeGateway<any TwinTransaction>
    /// Both flushed after every write (``invalidateCaches()``).
    let assetCache: AssetReadCache?
    let buildingCache: BuildingReadCache?

    public init(repository: any TwinRepository, assetCache: AssetReadCache? = nil, buildingCache: BuildingReadCache? = nil,
                logger: Logger) {
        self.repository = repository
        self.assetCache = assetCache
        self.buildingCache = buildingCache
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: repository), logger: logger)
    }

    public func create(_ input: NewAsset, by principal: Principal, context: AuditContext) async throws -> Asset {
        try Self.validate(input)
        let id = UUID()
        let change = Change(permission: .assetsWrite, action: "asset.create", objectKind: "asset",
                            objectID: id.uuidString.lowercased(), siteID: input.siteID, buildingID: input.buildingID)
        let repository = self.repository
        defer { invalidateCaches() }
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            let stored = try await Self.insert(input, id: id, tx: tx, scope: scope, repository: repository)
            return ChangeResult(stored, objectID: id.uuidString.lowercased(), siteID: stored.siteID, after: stored.auditJSON)
        }
    }

    /// Creates all of `inputs` in one transaction (one audit entry `asset.bulk-create` listing them),
    /// or none: the CSV import's all-or-nothing mode. The caller checked overlaps between the inputs.
    public func createAll(_ inputs: [NewAsset], siteID: UUID, buildingID: UUID?, by principal: Principal,
                          context: AuditContext) async throws -> [Asset] {
        for input in inputs { try Self.validate(input) }
        let change = Change(permission: .assetsWrite, action: "asset.bulk-create", objectKind: "asset", objectID: nil,
                            siteID: siteID, buildingID: buildingID)
        let repository = self.repository
        defer { invalidateCaches() }
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            var stored: [Asset] = []
            for input in inputs {
                stored.append(try await Self.insert(input, id: UUID(), tx: tx, scope: scope, repository: repository))
            }
            let after: CanonicalJSON = ["count": .int(Int64(stored.count)),
                                        "assets": .array(stored.map { .object(["id": .string($0.id.uuidString.lowercased()),
                                                                               "name": .string($0.name)]) })]
            return ChangeResult(stored, siteID: siteID, buildingID: buildingID, after: after)
        }
    }

    static func validate(_ input: NewAsset) throws {
        try validate(name: input.name, kind: input.kind, rack: input.rack, mounting: input.mounting,
                     parentID: input.parentID, numbers: [input.powerDrawW, input.weightKg, input.ratedCapacityW],
                     position: input.position, box: input.box)
    }

    /// One new asset inside a change's transaction: placed in its rack (locked), checked, stored.
    static func insert(_ input: NewAsset, id: UUID, tx: any TwinTransaction, scope: ChangeScope,
                       repository: any TwinRepository) async throws -> Asset {
        var asset = Asset(id: id, siteID: input.siteID ?? UUID(), buildingID: input.buildingID, floorID: input.floorID,
                          spaceID: input.spaceID, typeID: input.typeID, parentID: input.parentID, kind: input.kind,
                          name: input.name, tag: input.tag, serialNumber: input.serialNumber,
                          description: input.description, position: input.position, box: input.box,
                          rack: input.rack, mounting: input.mounting, powerDrawW: input.powerDrawW,
                          weightKg: input.weightKg, ratedCapacityW: input.ratedCapacityW,
                          installedOn: input.installedOn, warrantyEndsOn: input.warrantyEndsOn,
                          properties: input.properties)
        if let parentID = input.parentID {
            let parent = try await lockedRack(parentID, tx: tx, scope: scope)
            guard input.siteID == nil || input.siteID == parent.siteID,
                  input.buildingID == nil || input.buildingID == parent.buildingID else {
                throw AssetWriteError.invalid(["parent_id: the rack is in another site or building"])
            }
            asset.siteID = parent.siteID
            asset.buildingID = parent.buildingID
            asset.floorID = input.floorID ?? parent.floorID
            asset.spaceID = input.spaceID ?? parent.spaceID
            try await checkMounting(asset, in: parent, repository: repository)
        } else if input.siteID == nil {
            throw AssetWriteError.invalid(["site_id: required unless parent_id names a rack"])
        }
        try scope.require(siteID: asset.siteID, buildingID: asset.buildingID)
        try await checkLocation(asset, repository: repository, scope: scope.scope)
        return try await tx.insertAsset(asset)
    }

    /// Applies `patch` if the asset is still at `expectedRevision`.
    public func update(id: UUID, patch: AssetPatch, expectedRevision: Int?, by principal: Principal,
                       context: AuditContext) async throws -> Asset {
        guard let expectedRevision else { throw AssetWriteError.revisionRequired }
        let change = Change(permission: .assetsWrite, action: "asset.update", objectKind: "asset",
                            objectID: id.uuidString.lowercased())
        let repository = self.repository
        defer { invalidateCaches() }
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            let current = try await Self.lockedEditable(id, tx: tx, scope: scope)
            guard current.revision == expectedRevision else { throw AssetWriteError.revisionMismatch(current: current.revision) }
            var updated = patch.applied(to: current)
            try Self.validate(name: updated.name, kind: updated.kind, rack: updated.rack, mounting: updated.mounting,
                              parentID: updated.parentID, numbers: [updated.powerDrawW, updated.weightKg, updated.ratedCapacityW],
                              position: updated.position, box: updated.box)
            if updated.kind != .rack, current.kind == .rack, try await Self.hasChildren(id, repository: repository) {
                throw AssetWriteError.ruleViolated(rule: "asset.has-children", detail: "The rack still holds devices.")
            }
            if let rack = updated.rack, current.rack?.uHeight != rack.uHeight {
                try await Self.checkChildrenFit(id, uHeight: rack.uHeight, repository: repository)
            }
            if let parentID = updated.parentID {
                guard parentID != id else { throw AssetWriteError.invalid(["parent_id: an asset cannot contain itself"]) }
                let parent = try await Self.lockedRack(parentID, tx: tx, scope: scope)
                guard parent.siteID == current.siteID, parent.buildingID == current.buildingID else {
                    throw AssetWriteError.invalid(["parent_id: the rack is in another site or building"])
                }
                if patch.floorID == nil, patch.parentID != nil { updated.floorID = parent.floorID }
                if patch.spaceID == nil, patch.parentID != nil { updated.spaceID = parent.spaceID }
                try await Self.checkMounting(updated, in: parent, repository: repository)
            }
            try await Self.checkLocation(updated, repository: repository, scope: scope.scope)
            let stored = try await tx.updateAsset(updated, expectedRevision: current.revision)
            return ChangeResult(stored, objectID: id.uuidString.lowercased(), siteID: stored.siteID,
                                before: current.auditJSON, after: stored.auditJSON)
        }
    }

    /// Deletes an API-created asset; a rack must be empty first.
    public func delete(id: UUID, expectedRevision: Int?, by principal: Principal, context: AuditContext) async throws {
        let change = Change(permission: .assetsWrite, action: "asset.delete", objectKind: "asset",
                            objectID: id.uuidString.lowercased())
        let repository = self.repository
        defer { invalidateCaches() }
        try await gateway.perform(change, by: principal, context: context) { tx, scope in
            let current = try await Self.lockedEditable(id, tx: tx, scope: scope)
            if let expectedRevision, current.revision != expectedRevision {
                throw AssetWriteError.revisionMismatch(current: current.revision)
            }
            if current.kind == .rack, try await Self.hasChildren(id, repository: repository) {
                throw AssetWriteError.ruleViolated(rule: "asset.has-children", detail: "The rack still holds devices.")
            }
            try await tx.deleteAsset(id: id)
            return ChangeResult((), objectID: id.uuidString.lowercased(), siteID: current.siteID, before: current.auditJSON)
        }
    }

    // MARK: Rules

    static func validate(name: String, kind: AssetKind, rack: RackCapacity?, mounting: RackMounting?, parentID: UUID?,
                         numbers: [Double?], position: Point3D?, box: Box3D?) throws {
        var problems: [String] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || name.count > 256 { problems.append("name: 1…256 characters") }
        if let rack {
            if kind != .rack { problems.append("rack: only racks have a rack capacity") }
            if !RackCapacity.validUHeights.contains(rack.uHeight) { problems.append("rack.u_height: 1…60") }
            for value in [rack.powerBudgetW, rack.weightBudgetKg, rack.coolingBudgetW] {
                if let value, !(value.isFinite && value >= 0) { problems.append("rack: budgets must be ≥ 0") }
            }
        }
        if let mounting {
            if parentID == nil { problems.append("mounting: needs parent_id (the rack)") }
            if mounting.uPosition < 1 || mounting.uHeight < 1 { problems.append("mounting: u_position and u_height ≥ 1") }
        }
        if kind == .rack, parentID != nil { problems.append("parent_id: racks are not mounted in other assets") }
        for value in numbers {
            if let value, !(value.isFinite && value >= 0) { problems.append("power/weight/capacity: finite and ≥ 0") }
        }
        if let position, !position.isFinite { problems.append("position: finite coordinates") }
        if let box, !box.isFinite { problems.append("box: finite coordinates") }
        if !problems.isEmpty { throw AssetWriteError.invalid(problems) }
    }

    /// The asset, locked, if it exists, is visible, and belongs to no model.
    static func lockedEditable(_ id: UUID, tx: any TwinTransaction, scope: ChangeScope) async throws -> Asset {
        guard let current = try await tx.asset(id: id, forUpdate: true) else { throw RepositoryError.notFound }
        try scope.require(siteID: current.siteID, buildingID: current.buildingID)
        guard current.modelID == nil else {
            throw AssetWriteError.ruleViolated(
                rule: "asset.model-owned", detail: "The asset comes from a model; change it in the model and re-import.")
        }
        return current
    }

    /// The parent rack, locked so concurrent mounts into it serialize; invisible and missing look the same.
    static func lockedRack(_ id: UUID, tx: any TwinTransaction, scope: ChangeScope) async throws -> Asset {
        guard let parent = try await tx.asset(id: id, forUpdate: true),
              scope.scope.contains(siteID: parent.siteID, buildingID: parent.buildingID) else {
            throw AssetWriteError.invalid(["parent_id: no such rack"])
        }
        guard parent.kind == .rack else {
            throw AssetWriteError.ruleViolated(rule: "asset.parent-not-rack", detail: "Only racks hold mounted devices.")
        }
        guard parent.retiredInVersion == nil else {
            throw AssetWriteError.ruleViolated(rule: "asset.parent-retired", detail: "The rack is no longer in the model.")
        }
        return parent
    }

    static func checkMounting(_ asset: Asset, in parent: Asset, repository: any TwinRepository) async throws {
        guard let mounting = asset.mounting else { return }
        let units = parent.rack?.uHeight ?? 0
        guard mounting.fits(rackUnits: units) else {
            throw AssetWriteError.ruleViolated(
                rule: "asset.u-out-of-range",
                detail: "U\(mounting.units.lowerBound)–U\(mounting.units.upperBound) does not fit a \(units)U rack.")
        }
        for sibling in try await children(of: parent.id, repository: repository) where sibling.id != asset.id {
            if let other = sibling.mounting, other.overlaps(mounting) {
                throw AssetWriteError.ruleViolated(
                    rule: "asset.mounting-overlap",
                    detail: "U\(mounting.units.lowerBound)–U\(mounting.units.upperBound) overlaps a mounted device (U\(other.units.lowerBound)–U\(other.units.upperBound)).")
            }
        }
    }

    static func checkChildrenFit(_ rackID: UUID, uHeight: Int, repository: any TwinRepository) async throws {
        for child in try await children(of: rackID, repository: repository) {
            if let mounting = child.mounting, !mounting.fits(rackUnits: uHeight) {
                throw AssetWriteError.ruleViolated(rule: "asset.u-out-of-range",
                                                   detail: "A mounted device would no longer fit a \(uHeight)U rack.")
            }
        }
    }

    /// Floor, space and type must exist in the asset's own building/site (read within the writer's scope).
    static func checkLocation(_ asset: Asset, repository: any TwinRepository, scope: AccessScope) async throws {
        var problems: [String] = []
        if let buildingID = asset.buildingID {
            let building = try await repository.building(id: buildingID, scope: scope)
            if building?.siteID != asset.siteID { problems.append("building_id: no such building in the site") }
        } else if asset.floorID != nil || asset.spaceID != nil {
            problems.append("building_id: required with floor_id or space_id")
        }
        if let floorID = asset.floorID {
            let floor = try await repository.floor(id: floorID, scope: scope)
            if floor == nil || floor?.buildingID != asset.buildingID { problems.append("floor_id: no such floor in the building") }
        }
        if let spaceID = asset.spaceID {
            let space = try await repository.space(id: spaceID, scope: scope)
            if space == nil || space?.buildingID != asset.buildingID || (asset.floorID != nil && space?.floorID != asset.floorID) {
                problems.append("space_id: no such space on the floor")
            }
        }
        if let typeID = asset.typeID {
            let type = try await repository.assetType(id: typeID, scope: scope)
            if type?.siteID != asset.siteID { problems.append("type_id: no such asset type in the site") }
        }
        if !problems.isEmpty { throw AssetWriteError.invalid(problems) }
    }

    static func children(of rackID: UUID, repository: any TwinRepository) async throws -> [Asset] {
        var result: [Asset] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        // Bounded: a rack holds at most 60 units, so at most a few pages even with unmounted children.
        for _ in 0..<100 {
            let batch = try await repository.assets(AssetQuery(parentID: rackID, page: page), scope: .everything)
            result += batch.items
            guard let next = batch.nextCursor else { break }
            page.cursor = next
        }
        return result
    }

    static func hasChildren(_ rackID: UUID, repository: any TwinRepository) async throws -> Bool {
        try await !repository.assets(AssetQuery(parentID: rackID, page: PageRequest(limit: 1)), scope: .everything).items.isEmpty
    }

    /// After every write (committed or not), so the writer reads its own write at once.
    func invalidateCaches() {
        assetCache?.invalidate()
        buildingCache?.invalidate()
    }
}
