import Foundation

/// What changed between two versions of one model, entities matched by GlobalId.
public struct ModelDiff: Sendable, Hashable, Codable {
    public var modelID: UUID
    public var fromVersion: Int
    public var toVersion: Int
    public var added: [DiffEntry]
    public var removed: [DiffEntry]
    public var changed: [DiffEntry]

    public init(modelID: UUID, fromVersion: Int, toVersion: Int, added: [DiffEntry] = [],
                removed: [DiffEntry] = [], changed: [DiffEntry] = []) {
        self.modelID = modelID
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Compares fingerprint sets; entries are sorted by match key so diffs are reproducible.
    public static func between(
        modelID: UUID, from old: (version: Int, entities: [EntityFingerprint]),
        to new: (version: Int, entities: [EntityFingerprint])
    ) -> ModelDiff {
        var before = [String: EntityFingerprint](minimumCapacity: old.entities.count)
        for entity in old.entities { before[entity.matchKey] = entity }
        var diff = ModelDiff(modelID: modelID, fromVersion: old.version, toVersion: new.version)
        var seen = Set<String>()
        for entity in new.entities {
            guard seen.insert(entity.matchKey).inserted else { continue }
            if let previous = before[entity.matchKey] {
                let aspects = entity.changedAspects(comparedTo: previous)
                if !aspects.isEmpty {
                    diff.changed.append(DiffEntry(matchKey: entity.matchKey, entityType: entity.entityType,
                                                  name: entity.name, aspects: aspects.sorted()))
                }
            } else {
                diff.added.append(DiffEntry(matchKey: entity.matchKey, entityType: entity.entityType, name: entity.name))
            }
        }
        for entity in old.entities where !seen.contains(entity.matchKey) {
            diff.removed.append(DiffEntry(matchKey: entity.matchKey, entityType: entity.entityType, name: entity.name))
            seen.insert(entity.matchKey)
        }
        diff.added.sort { $0.matchKey < $1.matchKey }
        diff.removed.sort { $0.matchKey < $1.matchKey }
        diff.changed.sort { $0.matchKey < $1.matchKey }
        return diff
    }

    public var summary: [String: Int] {
        ["added": added.count, "removed": removed.count, "changed": changed.count]
    }
}
