import Foundation
import Logging
import TwinDomain

/// The MongoDB implementation of `BIMDocumentRepository` (and the `mongodb` health probe).
///
/// Entities live in `entities`, keyed uniquely by (modelId, version, globalId); binaries in
/// the GridFS bucket `files`, described by `metadata.{modelId, version, kind, tileKey}`.
/// Errors leave as `RepositoryError`, so services see no driver types.
public struct BIMDocumentStore: BIMDocumentRepository, HealthProbe {
    public let database: MongoDatabase
    public var name: String { "mongodb" }

    static let entityIndex = "entity_model_version_globalId"
    /// Entities written per bulk round trip.
    static let writeBatch = 1000

    public init(database: MongoDatabase) {
        self.database = database
    }

    var entities: MongoCollection { database.collection("entities") }
    var files: MongoGridFSBucket { database.gridFSBucket("files") }

    public func ensureIndexes() async throws {
        try await translating {
            // One index: every read is by version (+ GlobalId, in GlobalId order), and a listing by
            // IFC type walks the same index with a filter. A second (type-first) index had no
            // reader and cost a third of the document server's insert rate on large imports.
            try await entities.createIndexes([
                MongoIndex(keys: ["modelId": 1, "version": 1, "globalId": 1], name: Self.entityIndex, unique: true),
            ])
            // The GridFS layout's own indexes (the uploader writes chunks itself, so nothing else makes them).
            try await database.collection("files.chunks").createIndexes([
                MongoIndex(keys: ["files_id": 1, "n": 1], name: "files_id_1_n_1", unique: true),
            ])
            try await database.collection("files.files").createIndexes([
                MongoIndex(keys: ["filename": 1, "uploadDate": 1], name: "filename_1_uploadDate_1"),
                MongoIndex(
                    keys: ["metadata.modelId": 1, "metadata.version": 1, "metadata.kind": 1, "uploadDate": -1],
                    name: "file_model_version_kind"
                ),
                MongoIndex(
                    keys: ["metadata.modelId": 1, "metadata.version": 1, "metadata.tileKey": 1, "uploadDate": -1],
                    name: "file_model_version_tile",
                    partialFilter: ["metadata.kind": .string(StoredFileKind.glbTile.rawValue)]
                ),
            ])
        }
    }

    @discardableResult
    public func storeEntities(_ documents: [EntityDocument]) async throws -> Int {
        try await translating {
            // Plain inserts first (about twice as fast as upserts, and a new version is empty);
            // a batch that meets an existing entity is redone as idempotent replace-upserts.
            // No count beforehand: counting a version is a scan of everything written so far,
            // which made every chunk of a large import slower than the last.
            var written = 0
            var start = 0
            var insertFirst = true
            while start < documents.count {
                let batch = documents[start..<min(start + Self.writeBatch, documents.count)]
                start += Self.writeBatch
                if insertFirst && Set(batch.map { EntityIdentity(key: $0.key, globalID: $0.globalID) }).count == batch.count {
                    do {
                        let result = try await entities.bulkWrite(batch.map { .insertOne(Self.bson($0)) }, ordered: false)
                        written += result.insertedCount
                        continue
                    } catch BIMDocumentError.duplicateKey {
                        // Already (partly) stored, by an earlier attempt or someone else: upsert from here on.
                        insertFirst = false
                    }
                }
                let models = batch.map { entity in
                    MongoWriteModel.replaceOne(filter: Self.filter(entity.key, globalID: entity.globalID), replacement: Self.bson(entity), upsert: true)
                }
                let result = try await entities.bulkWrite(models, ordered: false)
                written += result.upsertedCount + result.matchedCount
            }
            return written
        }
    }

    public func entity(globalID: String, in key: ModelVersionKey) async throws -> EntityDocument? {
        try await translating {
            try await entities.findOne(Self.filter(key, globalID: globalID)).map(Self.entity)
        }
    }

    public func entities(in key: ModelVersionKey, ifcType: String?, afterGlobalID: String?, limit: Int) async throws -> [EntityDocument] {
        try await translating {
            var filter = Self.filter(key)
            if let ifcType { filter["ifcType"] = .string(ifcType) }
            if let afterGlobalID { filter["globalId"] = ["$gt": .string(afterGlobalID)] }
            let options = MongoFindOptions(sort: ["globalId": 1], limit: min(max(limit, 1), 10_000))
            return try await entities.find(filter, options: options).map(Self.entity)
        }
    }

    public func entityCount(in key: ModelVersionKey) async throws -> Int {
        try await translating { try await entities.countDocuments(Self.filter(key)) }
    }

    @discardableResult
    public func deleteEntities(in key: ModelVersionKey) async throws -> Int {
        try await translating { try await entities.deleteMany(Self.filter(key)) }
    }

    @discardableResult
    public func moveEntities(from source: ModelVersionKey, to target: ModelVersionKey) async throws -> Int {
        try await translating {
            let update: BSONDocument = ["$set": [
                "modelId": .binary(BSONBinary(uuid: target.modelID)), "version": .int64(Int64(target.version)),
            ]]
            return try await entities.updateMany(Self.filter(source), update).modifiedCount
        }
    }

    public func putFile(_ data: Data, descriptor: StoredFileDescriptor) async throws -> StoredFile {
        try await translating {
            let id = BSONObjectID()
            try await files.upload(data, filename: descriptor.filename, metadata: Self.metadata(descriptor), id: .objectID(id))
            return StoredFile(id: id.hex, descriptor: descriptor, length: Int64(data.count), uploadedAt: Date())
        }
    }

    public func putFile(contentsOf url: URL, descriptor: StoredFileDescriptor) async throws -> StoredFile {
        try await translating {
            let id = BSONObjectID()
            try await files.upload(contentsOf: url, filename: descriptor.filename, metadata: Self.metadata(descriptor), id: .objectID(id))
            guard let stored = try await files.file(id: .objectID(id)), let file = Self.storedFile(stored) else {
                throw BIMDocumentError.notFound
            }
            return file
        }
    }

    public func fileData(id: String) async throws -> Data {
        try await translating { try await files.download(id: Self.fileID(id)) }
    }

    public func writeFile(id: String, to url: URL) async throws {
        try await translating { try await files.download(id: Self.fileID(id), to: url) }
    }

    public func files(in key: ModelVersionKey, kind: StoredFileKind?) async throws -> [StoredFile] {
        try await translating {
            var filter: BSONDocument = ["metadata.modelId": .binary(BSONBinary(uuid: key.modelID)), "metadata.version": .int64(Int64(key.version))]
            if let kind { filter["metadata.kind"] = .string(kind.rawValue) }
            return try await files.find(filter, sort: ["uploadDate": -1]).compactMap(Self.storedFile)
        }
    }

    public func tile(_ tileKey: String, in key: ModelVersionKey) async throws -> StoredFile? {
        try await translating {
            let filter: BSONDocument = [
                "metadata.modelId": .binary(BSONBinary(uuid: key.modelID)),
                "metadata.version": .int64(Int64(key.version)),
                "metadata.kind": .string(StoredFileKind.glbTile.rawValue),
                "metadata.tileKey": .string(tileKey),
            ]
            return try await files.find(filter, sort: ["uploadDate": -1, "_id": -1], limit: 1).first.flatMap(Self.storedFile)
        }
    }

    public func deleteFile(id: String) async throws {
        try await translating { try await files.delete(id: Self.fileID(id)) }
    }

    /// Readiness: a ping with the probe's timeout.
    public func probe(timeout: Duration) async throws {
        do {
            try await database.pool.ping(timeout: timeout)
        } catch BIMDocumentError.timeout {
            throw HealthProbeError.timedOut(timeout)
        } catch {
            throw HealthProbeError.unreachable
        }
    }

    // MARK: Mapping

    static func filter(_ key: ModelVersionKey, globalID: String? = nil) -> BSONDocument {
        var filter: BSONDocument = ["modelId": .binary(BSONBinary(uuid: key.modelID)), "version": .int64(Int64(key.version))]
        if let globalID { filter["globalId"] = .string(globalID) }
        return filter
    }

    static func bson(_ entity: EntityDocument) -> BSONDocument {
        var document = filter(entity.key, globalID: entity.globalID)
        document[BSONKeyEscaping.markerField] = .int64(BSONKeyEscaping.currentVersion)
        document["ifcType"] = .string(entity.ifcType)
        if let name = entity.name { document["name"] = .string(name) }
        document["attributes"] = .document(BSONDocument(entity.attributes))
        let psets = entity.propertySets.sorted { $0.key < $1.key }.map {
            (key: BSONKeyEscaping.escape($0.key), value: BSONValue.document(BSONDocument($0.value)))
        }
        document["propertySets"] = .document(BSONDocument(psets))
        if !entity.classifications.isEmpty { document["classifications"] = .array(entity.classifications.map(BSONValue.init)) }
        if !entity.relations.isEmpty { document["relations"] = .document(BSONDocument(entity.relations)) }
        return document
    }

    static func entity(_ document: BSONDocument) throws -> EntityDocument {
        guard let modelID = document["modelId"]?.binaryValue?.uuid,
              let version = document["version"]?.int64Value, let versionNumber = Int(exactly: version),
              let globalID = document["globalId"]?.stringValue,
              let ifcType = document["ifcType"]?.stringValue
        else { throw BIMDocumentError.invalidDocument(field: "entities") }
        let escaped = (document[BSONKeyEscaping.markerField]?.int64Value ?? 0) >= 1
        var propertySets = [String: [String: DocumentValue]]()
        for (name, value) in document["propertySets"]?.documentValue?.elements ?? [] {
            propertySets[escaped ? BSONKeyEscaping.unescape(name) : name] = value.documentValue?.documentValues(escapedKeys: escaped) ?? [:]
        }
        return EntityDocument(
            key: ModelVersionKey(modelID: modelID, version: versionNumber),
            globalID: globalID,
            ifcType: ifcType,
            name: document["name"]?.stringValue,
            attributes: document["attributes"]?.documentValue?.documentValues(escapedKeys: escaped) ?? [:],
            propertySets: propertySets,
            classifications: document["classifications"]?.arrayValue?.map { DocumentValue($0, escapedKeys: escaped) } ?? [],
            relations: document["relations"]?.documentValue?.documentValues(escapedKeys: escaped) ?? [:]
        )
    }

    static func metadata(_ descriptor: StoredFileDescriptor) -> BSONDocument {
        var metadata: BSONDocument = [
            "modelId": .binary(BSONBinary(uuid: descriptor.key.modelID)),
            "version": .int64(Int64(descriptor.key.version)),
            "kind": .string(descriptor.kind.rawValue),
            "contentType": .string(descriptor.contentType),
        ]
        if let tileKey = descriptor.tileKey { metadata["tileKey"] = .string(tileKey) }
        return metadata
    }

    static func storedFile(_ file: MongoGridFSFile) -> StoredFile? {
        guard let id = file.id.objectIDValue, let metadata = file.metadata,
              let modelID = metadata["modelId"]?.binaryValue?.uuid,
              let version = metadata["version"]?.int64Value.flatMap({ Int(exactly: $0) }),
              let kind = metadata["kind"]?.stringValue.flatMap(StoredFileKind.init(rawValue:))
        else { return nil }
        let descriptor = StoredFileDescriptor(
            key: ModelVersionKey(modelID: modelID, version: version),
            kind: kind,
            filename: file.filename,
            contentType: metadata["contentType"]?.stringValue ?? "application/octet-stream",
            tileKey: metadata["tileKey"]?.stringValue
        )
        return StoredFile(id: id.hex, descriptor: descriptor, length: file.length, uploadedAt: file.uploadDate)
    }

    /// What the unique index `entityIndex` keys on.
    struct EntityIdentity: Hashable {
        var key: ModelVersionKey
        var globalID: String
    }

    /// File ids are ObjectId hex; anything else cannot exist, which is `notFound`, not a server round trip.
    static func fileID(_ id: String) throws -> BSONValue {
        guard let objectID = BSONObjectID(id) else { throw BIMDocumentError.notFound }
        return .objectID(objectID)
    }

    /// Runs `body`, turning `BIMDocumentError` into the domain's `RepositoryError`.
    func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BIMDocumentError {
            throw error.repositoryError
        }
    }
}
