import Foundation

/// Where the schemaless side of a model lives: full entity documents per model version,
/// and large binaries (original uploads, GLB tiles).
///
/// Services depend on this protocol only, so they never import a database driver. All
/// methods throw `RepositoryError`.
public protocol BIMDocumentRepository: Sendable {
    /// Creates the indexes the queries below need; safe to call at every start-up.
    func ensureIndexes() async throws

    /// Inserts or replaces entities, keyed by (model, version, GlobalId); returns how many were written.
    @discardableResult
    func storeEntities(_ entities: [EntityDocument]) async throws -> Int

    /// One entity by GlobalId, or `nil`.
    func entity(globalID: String, in key: ModelVersionKey) async throws -> EntityDocument?

    /// Entities ordered by GlobalId, optionally of one IFC type, starting after `afterGlobalID` (keyset paging).
    func entities(in key: ModelVersionKey, ifcType: String?, afterGlobalID: String?, limit: Int) async throws -> [EntityDocument]

    /// How many entities a version has.
    func entityCount(in key: ModelVersionKey) async throws -> Int

    /// Removes a version's entities; returns how many were removed.
    @discardableResult
    func deleteEntities(in key: ModelVersionKey) async throws -> Int

    /// Re-keys a version's entities (an import that learns its model only after streaming its
    /// documents under a provisional key); returns how many moved.
    @discardableResult
    func moveEntities(from source: ModelVersionKey, to target: ModelVersionKey) async throws -> Int

    /// Stores bytes held in memory (tiles, small files).
    func putFile(_ data: Data, descriptor: StoredFileDescriptor) async throws -> StoredFile

    /// Stores a file from disk without loading it into memory (large originals).
    func putFile(contentsOf url: URL, descriptor: StoredFileDescriptor) async throws -> StoredFile

    /// A stored file's bytes; `RepositoryError.notFound` if absent.
    func fileData(id: String) async throws -> Data

    /// Streams a stored file to disk.
    func writeFile(id: String, to url: URL) async throws

    /// A version's files, optionally of one kind, newest first.
    func files(in key: ModelVersionKey, kind: StoredFileKind?) async throws -> [StoredFile]

    /// The newest tile stored under `tileKey` for a version, or `nil`.
    func tile(_ tileKey: String, in key: ModelVersionKey) async throws -> StoredFile?

    /// Deletes a stored file; `RepositoryError.notFound` if absent.
    func deleteFile(id: String) async throws
}

extension BIMDocumentRepository {
    /// Portable fallback: copy page by page, then delete the source. Stores override it with one update.
    @discardableResult
    public func moveEntities(from source: ModelVersionKey, to target: ModelVersionKey) async throws -> Int {
        var moved = 0
        var after: String?
        while true {
            let page = try await entities(in: source, ifcType: nil, afterGlobalID: after, limit: 1000)
            guard let last = page.last else { break }
            moved += try await storeEntities(page.map { var document = $0; document.key = target; return document })
            after = last.globalID
        }
        try await deleteEntities(in: source)
        return moved
    }
}
