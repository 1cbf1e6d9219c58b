import Foundation
import Synchronization
import Testing
import TwinServices
@testable import TwinAPI

/// The stager judges an upload's first 64 KiB while it streams: a file that is no model is
/// refused before the rest is read, and a small one when it ends.
@Suite struct UploadStagerTests {
    struct Refused: Error {}

    @Test func theHeadIsJudgedOnceWhileStreamingOrAtTheEnd() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stager-\(UUID().uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(at: url) }
        let seen = Mutex<[(Int, Bool)]>([])
        let sink = try UploadStager.Sink(url: url, limit: 1 << 30) { head, complete in
            seen.withLock { $0.append((head.count, complete)) }
            if head.starts(with: Array("not".utf8)) { throw Refused() }
        }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 40_000)
        var text = Array("not a model ".utf8) + chunk
        try text.withUnsafeBytes { try sink.write($0) }
        #expect(seen.withLock { $0.isEmpty }, "40 KiB: not judged yet")
        text = chunk
        #expect(throws: Refused.self) { try text.withUnsafeBytes { try sink.write($0) } }
        #expect(seen.withLock { $0.map(\.0) } == [UploadStager.headBytes] && seen.withLock { $0.first?.1 } == false)
        try? sink.handle.close()

        // A small file is judged, whole, when it ends; once only.
        let small = try UploadStager.Sink(url: url, limit: 1 << 30) { head, complete in
            seen.withLock { $0.append((head.count, complete)) }
        }
        try Array("ISO-10303-21;".utf8).withUnsafeBytes { try small.write($0) }
        _ = try small.finish()
        #expect(seen.withLock { $0.last.map { $0.0 == 13 && $0.1 } } == true)
        #expect(seen.withLock { $0.count } == 2)
    }
}
