import CMongoc

extension MongoCollection {
    /// The collection's index specifications (empty when the collection does not exist).
    public func listIndexes() async throws -> [BSONDocument] {
        let logger = self.logger
        return try await withCollection("listIndexes", session: nil) { collection, _ in
            guard let cursor = mongoc_collection_find_indexes_with_opts(collection, nil) else { return [] }
            return try MongoCursorReader.all(cursor, operation: "listIndexes", logger: logger, session: nil)
        }
    }

    /// Creates the indexes whose names do not exist yet; returns the names it created.
    ///
    /// Existing names are skipped after listing indexes first: MongoDB treats an identical
    /// re-creation as a no-op, but some compatible servers (SecantusDB answers code 86 for
    /// an existing 2dsphere index) do not, and an index whose options changed under the
    /// same name should be migrated deliberately, not fail every start-up.
    @discardableResult
    public func createIndexes(_ indexes: [MongoIndex]) async throws -> [String] {
        let existing = Set(try await listIndexes().compactMap { $0["name"]?.stringValue })
        var seen = Set<String>()
        let missing = indexes.filter { !existing.contains($0.name) && seen.insert($0.name).inserted }
        guard !missing.isEmpty else { return [] }
        let command: BSONDocument = [
            "createIndexes": .string(name),
            "indexes": .array(missing.map { .document($0.specification) }),
        ]
        do {
            try await database.runCommand(command)
        } catch let error as BIMDocumentError {
            // Another instance may have created them between our listing and our command
            // (IndexAlreadyExists 68, IndexOptionsConflict 85, IndexKeySpecsConflict 86).
            guard case .other(let code, _, _) = error, [68, 85, 86].contains(code) else { throw error }
            let now = Set(try await listIndexes().compactMap { $0["name"]?.stringValue })
            guard missing.allSatisfy({ now.contains($0.name) }) else { throw error }
            return []
        }
        return missing.map(\.name)
    }

    /// Drops one index by name.
    public func dropIndex(_ name: String) async throws {
        try await database.runCommand(["dropIndexes": .string(self.name), "index": .string(name)])
    }
}
