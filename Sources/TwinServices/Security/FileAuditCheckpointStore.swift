import Foundation
import TwinDomain
#if canImport(Glibc)
import Glibc
#endif

/// Audit checkpoints appended to a JSON-lines file (`<ATRIUM_DATA_DIR>/audit-checkpoints.jsonl`).
///
/// A file outside PostgreSQL, on the application host, readable by an auditor with `atrium audit
/// verify --checkpoint FILE`. Each line is written with one `write(2)` on an `O_APPEND` descriptor
/// and then `fsync`ed, so a crash leaves at worst a torn last line, which readers skip.
public struct FileAuditCheckpointStore: AuditCheckpointRepository {
    public let url: URL
    public var storeName: String { "file" }
    /// Only the tail is read for the latest checkpoint: lines are ~400 bytes.
    static let tailBytes = 64 * 1024

    public init(url: URL) { self.url = url }

    public static func inDataDirectory(_ path: String) -> FileAuditCheckpointStore {
        FileAuditCheckpointStore(url: URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent("audit-checkpoints.jsonl"))
    }

    public enum Failure: Error, Sendable { case io(String) }

    public func appendCheckpoint(_ checkpoint: AuditCheckpoint) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let line = Array(try encoder.encode(checkpoint)) + [UInt8(ascii: "\n")]
        let path = url.path
        try await Task.detached {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard fd >= 0 else { throw Failure.io("open: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == line.count else { throw Failure.io("short write") }
            guard fsync(fd) == 0 else { throw Failure.io("fsync: \(String(cString: strerror(errno)))") }
        }.value
    }

    public func latestCheckpoint(keyID: String) async throws -> AuditCheckpoint? {
        try Self.checkpoints(inTailOf: url).filter { $0.keyID == keyID }.max { $0.seq < $1.seq }
    }

    /// Every whole line in the file's last 64 KiB that decodes (torn or foreign lines are skipped).
    static func checkpoints(inTailOf url: URL) throws -> [AuditCheckpoint] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let start = size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0
        try handle.seek(toOffset: start)
        let data = try handle.read(upToCount: tailBytes) ?? Data()
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // probably cut by the window
        let decoder = JSONDecoder()
        return lines.compactMap { try? decoder.decode(AuditCheckpoint.self, from: Data($0)) }
    }

    /// The checkpoint tokens in a file an auditor hands over (up to 64 MiB): lines of this store's
    /// format, or bare JWS lines (the `checkpoint` of a `/v1/audit/verify` report). Only the
    /// tokens are returned; their signatures are what will be believed.
    public static func tokens(in url: URL) throws -> [String] {
        let data = try Data(contentsOf: url)
        guard data.count <= 64 << 20 else { throw Failure.io("checkpoint file larger than 64 MiB") }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line -> String? in
            if let checkpoint = try? decoder.decode(AuditCheckpoint.self, from: Data(line)) { return checkpoint.token }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.split(separator: ".", omittingEmptySubsequences: false).count == 3 ? text : nil
        }
    }
}
