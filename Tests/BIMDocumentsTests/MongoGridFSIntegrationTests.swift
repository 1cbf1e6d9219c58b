import Foundation
import Testing
@testable import BIMDocuments

@Suite("GridFS (integration)", .enabled(if: MongoTestEnvironment.isAvailable, "\(MongoTestEnvironment.skipMessage)"))
struct MongoGridFSIntegrationTests {
    /// Deterministic, incompressible-looking bytes.
    static func payload(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        return Data(bytes)
    }

    @Test("a few MB upload and download byte-identical, with metadata, find and delete")
    func uploadDownload() async throws {
        try await MongoTestEnvironment.withDatabase("gridfs") { database in
            let bucket = database.gridFSBucket("files")
            let bytes = Self.payload(5 * 1024 * 1024 + 123, seed: 42)
            let metadata: BSONDocument = ["modelId": "M1", "kind": "original", "version": 2]
            let started = ContinuousClock.now
            let id = try await bucket.upload(bytes, filename: "tower.ifc", metadata: metadata)
            let uploaded = ContinuousClock.now
            let downloaded = try await bucket.download(id: id)
            #expect(downloaded == bytes)
            print("GridFS 5 MB upload \(uploaded - started), download \(ContinuousClock.now - uploaded)")

            let record = try #require(try await bucket.file(id: id))
            #expect(record.filename == "tower.ifc")
            #expect(record.length == Int64(bytes.count))
            #expect(record.metadata == metadata)

            let small = try await bucket.upload(Data("glb".utf8), filename: "tile.glb", metadata: ["modelId": "M1", "kind": "tile"])
            let empty = try await bucket.upload(Data(), filename: "empty.bin", metadata: ["modelId": "M2"])
            #expect(try await bucket.download(id: empty).isEmpty)
            let originals = try await bucket.find(["metadata.modelId": "M1", "metadata.kind": "original"])
            #expect(originals.map(\.id) == [id])
            #expect(try await bucket.find(["metadata.modelId": "M1"], sort: ["filename": 1]).map(\.filename) == ["tile.glb", "tower.ifc"])

            try await bucket.delete(id: small)
            await #expect(throws: BIMDocumentError.notFound) { try await bucket.download(id: small) }
            await #expect(throws: BIMDocumentError.notFound) { try await bucket.delete(id: small) }
            await #expect(throws: BIMDocumentError.notFound) { try await bucket.download(id: .objectID(BSONObjectID())) }
        }
    }

    @Test("files stream from and to disk")
    func fileStreaming() async throws {
        try await MongoTestEnvironment.withDatabase("gridfs_files") { database in
            let bucket = database.gridFSBucket()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-gridfs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let source = directory.appendingPathComponent("in.ifc")
            let target = directory.appendingPathComponent("out.ifc")
            let bytes = Self.payload(3 * 1024 * 1024 + 7, seed: 7)
            try bytes.write(to: source)

            let id = try await bucket.upload(contentsOf: source, filename: "in.ifc", metadata: ["kind": "original"])
            try await bucket.download(id: id, to: target)
            #expect(try Data(contentsOf: target) == bytes)
            await #expect(throws: BIMDocumentError.notFound) {
                try await bucket.upload(contentsOf: directory.appendingPathComponent("missing"), filename: "x")
            }
        }
    }

    @Test("a file with a missing chunk is reported, not returned truncated")
    func missingChunk() async throws {
        try await MongoTestEnvironment.withDatabase("gridfs_corrupt") { database in
            let bucket = database.gridFSBucket("files", chunkSize: 1024)
            let bytes = Self.payload(3000, seed: 5)
            let id = try await bucket.upload(bytes, filename: "three-chunks.bin")
            #expect(try await bucket.download(id: id) == bytes)
            #expect(try await database.collection("files.chunks").deleteOne(["files_id": id, "n": .int32(1)]) == 1)
            await #expect(throws: BIMDocumentError.self) { try await bucket.download(id: id) }
        }
    }
}
