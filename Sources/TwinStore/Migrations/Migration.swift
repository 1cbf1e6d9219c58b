import Crypto
import Foundation

/// One `Migrations/NNNN_name.sql` file.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex; an applied migration whose file changed is refused.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Loads every `NNNN_name.sql` in `directory`, ordered by number.
    ///
    /// Anything else in the folder is an error rather than silently ignored, so a misnamed
    /// migration cannot be skipped in production.
    public static func load(from directory: URL) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .directoryUnreadable(directory.path)
        }
        var migrations: [Migration] = []
        for file in names.sorted() where !file.hasPrefix(".") {
            guard file.hasSuffix(".sql") else { throw .badFileName(file) }
            let stem = file.dropLast(4)
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), !parts[1].isEmpty else {
                throw .badFileName(file)
            }
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                  let sql = String(data: data, encoding: .utf8)
            else { throw .directoryUnreadable(file) }
            if let previous = migrations.last, previous.version == version { throw .duplicateVersion(version) }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        return migrations
    }
}
