/// Consistency rules an import batch must satisfy before a store commits it.
///
/// Validation never fails an import: an upload that could be read at all becomes a model version.
/// Each rule either drops the offending object (duplicate keys, floors/spaces/zones whose parent is
/// missing: they cannot be placed anywhere) or removes the offending detail and keeps the object
/// (a dangling reference, a device's parent that is not a rack, a U mounting that overlaps another or
/// lies beyond the rack's height, non-finite coordinates), and says so in an `error` or `warning`
/// message naming the object. What is left is free of the states the store's constraints forbid,
/// so committing it cannot fail on data; files that cannot be read at all are the importer's
/// `ImportError`s, not this.
extension ImportBatch {
    /// Message codes added by ``validated()``.
    public enum ValidationCode {
        public static let duplicateKey = "batch.duplicate-key"
        public static let danglingReference = "batch.dangling-reference"
        public static let parentNotRack = "batch.parent-not-rack"
        public static let mountingOverlap = "batch.mounting-overlap"
        public static let mountingBeyondRack = "batch.mounting-beyond-rack"
        public static let mountingWithoutRack = "batch.mounting-without-rack"
        public static let invalidRack = "batch.invalid-rack"
        public static let nonFinite = "batch.non-finite"
    }

    /// A copy that satisfies every rule, with a message per repair appended to `messages`.
    public func validated() -> ImportBatch {
        var b = self
        var v = BatchValidator()
        v.run(&b)
        b.messages += v.messages
        return b
    }
}

/// The rule engine behind ``ImportBatch/validated()``, in dependency order: keys first, then the
/// spatial tree top-down (so a dropped floor takes its spaces along), then assets and groups.
struct BatchValidator {
    var messages: [ImportMessage] = []
    var keys = Set<String>()

    mutating func report(_ severity: ImportMessage.Severity, _ code: String, _ text: String) {
        messages.append(ImportMessage(severity: severity, message: text, code: code))
    }

    mutating func run(_ b: inout ImportBatch) {
        keys.insert(b.site.key)
        if let l = b.site.location, !l.isValid {
            b.site.location = nil
            report(.warning, ImportBatch.ValidationCode.nonFinite, "site \(b.site.name): location out of range; dropped")
        }
        b.buildings = unique(b.buildings, \.key, "building")
        b.floors = unique(b.floors, \.key, "floor")
        b.spaces = unique(b.spaces, \.key, "space")
        b.zones = unique(b.zones, \.key, "zone")
        b.systems = unique(b.systems, \.key, "system")
        b.types = unique(b.types, \.key, "asset type")
        b.assets = unique(b.assets, \.key, "asset")

        let buildings = Set(b.buildings.map(\.key))
        for i in b.buildings.indices { b.buildings[i].elevation = finite(b.buildings[i].elevation, "building", b.buildings[i].name) }
        for i in b.buildings.indices where b.buildings[i].box?.isFinite == false {
            b.buildings[i].box = nil
            report(.warning, ImportBatch.ValidationCode.nonFinite, "building \(b.buildings[i].name): non-finite box dropped")
        }
        b.floors = b.floors.filter { f in
            if buildings.contains(f.buildingKey) { return true }
            report(.error, ImportBatch.ValidationCode.danglingReference, "floor \(f.name) (\(f.key)): building \(f.buildingKey) does not exist; floor dropped")
            return false
        }
        for i in b.floors.indices {
            let name = b.floors[i].name
            b.floors[i].elevation = finite(b.floors[i].elevation, "floor", name)
            b.floors[i].height = finite(b.floors[i].height, "floor", name)
            b.floors[i].footprint = footprint(b.floors[i].footprint, "floor", name)
            b.floors[i].box = box(b.floors[i].box, "floor", name)
        }
        let floors = Set(b.floors.map(\.key))
        b.spaces = b.spaces.filter { s in
            if floors.contains(s.floorKey) { return true }
            report(.error, ImportBatch.ValidationCode.danglingReference, "space \(s.name) (\(s.key)): floor \(s.floorKey) does not exist; space dropped")
            return false
        }
        for i in b.spaces.indices {
            let name = b.spaces[i].name
            b.spaces[i].area = finite(b.spaces[i].area, "space", name)
            b.spaces[i].height = finite(b.spaces[i].height, "space", name)
            b.spaces[i].footprint = footprint(b.spaces[i].footprint, "space", name)
            b.spaces[i].box = box(b.spaces[i].box, "space", name)
        }
        let spaces = Set(b.spaces.map(\.key))
        b.zones = b.zones.filter { z in
            if buildings.contains(z.buildingKey) { return true }
            report(.error, ImportBatch.ValidationCode.danglingReference, "zone \(z.name) (\(z.key)): building \(z.buildingKey) does not exist; zone dropped")
            return false
        }
        for i in b.zones.indices {
            b.zones[i].spaceKeys = references(b.zones[i].spaceKeys, in: spaces, "zone \(b.zones[i].name)", "space")
        }
        let types = Set(b.types.map(\.key))
        validateAssets(&b, buildings: buildings, floors: floors, spaces: spaces, types: types)
        let assets = Set(b.assets.map(\.key))
        for i in b.systems.indices {
            if let k = b.systems[i].buildingKey, !buildings.contains(k) {
                b.systems[i].buildingKey = nil
                report(.warning, ImportBatch.ValidationCode.danglingReference, "system \(b.systems[i].name): building \(k) does not exist")
            }
            b.systems[i].assetKeys = references(b.systems[i].assetKeys, in: assets, "system \(b.systems[i].name)", "asset")
        }
        let systems = Set(b.systems.map(\.key))
        for i in b.assets.indices {
            Self.update(&b, i, \.systemKeys, references(b.assets[i].systemKeys, in: systems, "asset \(b.assets[i].name)", "system"))
        }
    }

    mutating func validateAssets(_ b: inout ImportBatch, buildings: Set<String>, floors: Set<String>, spaces: Set<String>,
                                 types: Set<String>) {
        func dangling(_ i: Int, _ what: String, _ key: String) {
            report(.warning, ImportBatch.ValidationCode.danglingReference, "asset \(b.assets[i].name): \(what) \(key) does not exist")
        }
        var kinds: [String: AssetKind] = [:]
        for a in b.assets { kinds[a.key] = a.kind }
        for i in b.assets.indices {
            let name = b.assets[i].name
            if let k = b.assets[i].buildingKey, !buildings.contains(k) { dangling(i, "building", k); b.assets[i].buildingKey = nil }
            if let k = b.assets[i].floorKey, !floors.contains(k) { dangling(i, "floor", k); b.assets[i].floorKey = nil }
            if let k = b.assets[i].spaceKey, !spaces.contains(k) { dangling(i, "space", k); b.assets[i].spaceKey = nil }
            if let k = b.assets[i].typeKey, !types.contains(k) { dangling(i, "type", k); b.assets[i].typeKey = nil }
            if let p = b.assets[i].position, !p.isFinite {
                b.assets[i].position = nil
                report(.warning, ImportBatch.ValidationCode.nonFinite, "asset \(name): non-finite position dropped")
            }
            Self.update(&b, i, \.box, box(b.assets[i].box, "asset", name))
            Self.update(&b, i, \.powerDrawW, finite(b.assets[i].powerDrawW, "asset", name))
            Self.update(&b, i, \.weightKg, finite(b.assets[i].weightKg, "asset", name))
            Self.update(&b, i, \.ratedCapacityW, finite(b.assets[i].ratedCapacityW, "asset", name))
            if let rack = b.assets[i].rack {
                if b.assets[i].kind != .rack {
                    b.assets[i].rack = nil
                    report(.warning, ImportBatch.ValidationCode.invalidRack, "asset \(name) is not a rack; its rack capacity is ignored")
                } else if !RackCapacity.validUHeights.contains(rack.uHeight) {
                    b.assets[i].rack = nil
                    report(.error, ImportBatch.ValidationCode.invalidRack, "rack \(name): U height \(rack.uHeight) is outside 1…60; capacity dropped")
                } else {
                    var checked = rack
                    checked.powerBudgetW = finite(rack.powerBudgetW, "rack", name)
                    checked.weightBudgetKg = finite(rack.weightBudgetKg, "rack", name)
                    checked.coolingBudgetW = finite(rack.coolingBudgetW, "rack", name)
                    Self.update(&b, i, \.rack, checked)
                }
            }
            // Only non-racks hang in racks, so parent chains are one level deep and never cycle.
            if let p = b.assets[i].parentKey {
                if kinds[p] == nil {
                    dangling(i, "parent", p)
                    b.assets[i].parentKey = nil
                } else if kinds[p] != .rack || b.assets[i].kind == .rack {
                    report(.error, ImportBatch.ValidationCode.parentNotRack,
                           "asset \(name): parent \(p) is a \(kinds[p]!.rawValue), not a rack (or the asset is a rack itself); unlinked")
                    b.assets[i].parentKey = nil
                }
            }
            if b.assets[i].mounting != nil, b.assets[i].parentKey == nil {
                b.assets[i].mounting = nil
                report(.warning, ImportBatch.ValidationCode.mountingWithoutRack, "asset \(name): U position without a rack; dropped")
            }
        }
        // Mountings per rack: inside the rack's height, no two overlapping (first in the batch keeps its place).
        var rackUnits: [String: Int] = [:]
        for a in b.assets { if let r = a.rack { rackUnits[a.key] = r.uHeight } }
        var taken: [String: [RackMounting]] = [:]
        for i in b.assets.indices {
            guard let m = b.assets[i].mounting, let rack = b.assets[i].parentKey else { continue }
            let name = b.assets[i].name
            if m.uPosition < 1 || m.uHeight < 1 || (rackUnits[rack].map { !m.fits(rackUnits: $0) } ?? false) {
                b.assets[i].mounting = nil
                let units = rackUnits[rack].map(String.init) ?? "?"
                report(.error, ImportBatch.ValidationCode.mountingBeyondRack,
                       "device \(name): U\(m.uPosition)+\(m.uHeight) does not fit rack \(rack) of \(units) U; mounting dropped")
                continue
            }
            if let other = taken[rack]?.first(where: { $0.overlaps(m) }) {
                b.assets[i].mounting = nil
                report(.error, ImportBatch.ValidationCode.mountingOverlap,
                       "device \(name): U\(m.units.lowerBound)–\(m.units.upperBound) overlaps U\(other.units.lowerBound)–\(other.units.upperBound) in rack \(rack); mounting dropped")
                continue
            }
            taken[rack, default: []].append(m)
        }
    }

    /// Without duplicates (the usual case) the array comes back as it was, still sharing its storage
    /// with the caller's batch: a large import keeps one copy of its assets, not two.
    mutating func unique<T>(_ items: [T], _ key: KeyPath<T, String>, _ what: String) -> [T] {
        var firstDropped: Int?
        for (i, item) in items.enumerated() {
            let k = item[keyPath: key]
            if !k.isEmpty, keys.insert(k).inserted { continue }
            firstDropped = i
            break
        }
        guard let firstDropped else { return items }
        // From the first offender on as before (its key is already known or empty, so it is dropped).
        return Array(items[..<firstDropped]) + items[firstDropped...].filter { item in
            let k = item[keyPath: key]
            if !k.isEmpty, keys.insert(k).inserted { return true }
            report(.error, ImportBatch.ValidationCode.duplicateKey,
                   k.isEmpty ? "\(what) without a key dropped" : "\(what) \(k): key used by an earlier object; dropped")
            return false
        }
    }

    /// Writes an asset's field only when the rules changed it, for the same reason as `unique`: one
    /// write would copy every asset of the batch.
    static func update<V: Equatable>(_ b: inout ImportBatch, _ i: Int, _ field: WritableKeyPath<AssetDraft, V>, _ value: V) {
        if b.assets[i][keyPath: field] != value { b.assets[i][keyPath: field] = value }
    }

    mutating func references(_ list: [String], in known: Set<String>, _ owner: String, _ what: String) -> [String] {
        var seen = Set<String>()
        return list.filter { k in
            guard seen.insert(k).inserted else { return false }
            if known.contains(k) { return true }
            report(.warning, ImportBatch.ValidationCode.danglingReference, "\(owner): \(what) \(k) does not exist; reference dropped")
            return false
        }
    }

    mutating func finite(_ value: Double?, _ what: String, _ name: String) -> Double? {
        guard let value, !value.isFinite else { return value }
        report(.warning, ImportBatch.ValidationCode.nonFinite, "\(what) \(name): non-finite number dropped")
        return nil
    }

    mutating func box(_ value: Box3D?, _ what: String, _ name: String) -> Box3D? {
        guard let value, !value.isFinite else { return value }
        report(.warning, ImportBatch.ValidationCode.nonFinite, "\(what) \(name): non-finite box dropped")
        return nil
    }

    mutating func footprint(_ value: Footprint?, _ what: String, _ name: String) -> Footprint? {
        guard let value, !value.isValid else { return value }
        report(.warning, ImportBatch.ValidationCode.nonFinite, "\(what) \(name): invalid outline (non-finite or degenerate) dropped")
        return nil
    }
}
