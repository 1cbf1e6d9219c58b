import Foundation
import Testing
@testable import BIMDocuments

/// 100 MB through GridFS, checking that peak memory grows by about one copy, not two.
/// Opt-in because it moves 400 MB through the server: set ATRIUM_TEST_LARGE_GRIDFS=1 as well.
@Suite(
    "GridFS large objects (integration, opt-in)",
    .enabled(
        if: MongoTestEnvironment.isAvailable && ProcessInfo.processInfo.environment["ATRIUM_TEST_LARGE_GRIDFS"] == "1",
        "set ATRIUM_TEST_MONGODB_URI and ATRIUM_TEST_LARGE_GRIDFS=1 to move 100 MB objects through GridFS"
    ),
    // Peak RSS is per process: the two tests must not overlap or they measure each other.
    .serialized
)
struct MongoGridFSLargeObjectTests {
    static let size = 100 * 1024 * 1024
    /// Allowed peak growth besides the payload itself: allocator slack and driver buffers.
    /// (Before downloads read chunks in ~2 MB batches, libmongoc's own stream let a single
    /// reply batch grow to the server's 48 MB message limit; this bound caught that.)
    static let overhead = 64 * 1024 * 1024

    /// Peak resident set size of this process so far (Linux `VmHWM`), in bytes.
    static func peakResident() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return digits * 1024
    }

    @Test("100 MB from disk to GridFS and back to disk stays out of memory")
    func diskToDisk() async throws {
        try await MongoTestEnvironment.withDatabase("gridfs_large") { database in
            let bucket = database.gridFSBucket()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-large-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let source = directory.appendingPathComponent("big.ifc")
            let target = directory.appendingPathComponent("copy.ifc")
            // Written in 1 MB pieces so the test itself never holds the file.
            FileManager.default.createFile(atPath: source.path, contents: nil)
            let handle = try FileHandle(forWritingTo: source)
            let piece = MongoGridFSIntegrationTests.payload(1024 * 1024, seed: 99)
            for _ in 0..<(Self.size / piece.count) { try handle.write(contentsOf: piece) }
            try handle.close()

            let before = Self.peakResident()
            let started = ContinuousClock.now
            let id = try await bucket.upload(contentsOf: source, filename: "big.ifc")
            let uploaded = ContinuousClock.now
            let afterUpload = Self.peakResident()
            try await bucket.download(id: id, to: target)
            let finished = ContinuousClock.now
            let afterDownload = Self.peakResident()
            print(
                "GridFS 100 MB disk upload \(uploaded - started) (peak RSS +\((afterUpload - before) / 1_048_576) MB), "
                    + "download \(finished - uploaded) (peak RSS +\((afterDownload - afterUpload) / 1_048_576) MB)"
            )
            #expect(afterUpload - before < Self.overhead)
            #expect(afterDownload - before < Self.overhead)
            let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
            #expect((attributes[.size] as? NSNumber)?.intValue == Self.size)
            let head = try FileHandle(forReadingFrom: target)
            defer { try? head.close() }
            #expect(try head.read(upToCount: piece.count) == piece)
        }
    }

    @Test("100 MB in memory is uploaded without a copy and downloaded into one buffer")
    func inMemory() async throws {
        try await MongoTestEnvironment.withDatabase("gridfs_large_mem") { database in
            let bucket = database.gridFSBucket()
            // Filled in place so exactly one 100 MB buffer exists before measuring.
            var bytes = Data(count: Self.size)
            bytes.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
                var state: UInt64 = 3
                for index in 0..<raw.count {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    raw[index] = UInt8(truncatingIfNeeded: state >> 33)
                }
            }
            let before = Self.peakResident()
            let id = try await bucket.upload(bytes, filename: "big.glb")
            let afterUpload = Self.peakResident()
            let downloaded = try await bucket.download(id: id)
            let afterDownload = Self.peakResident()
            print("GridFS 100 MB in memory: upload RSS growth \((afterUpload - before) / 1_048_576) MB, download \((afterDownload - afterUpload) / 1_048_576) MB")
            #expect(afterUpload - before < Self.overhead, "upload must not copy the payload")
            #expect(afterDownload - afterUpload < Self.size + Self.overhead, "download holds one copy")
            #expect(downloaded == bytes)
        }
    }
}
