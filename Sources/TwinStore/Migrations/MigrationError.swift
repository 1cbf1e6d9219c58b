/// Why `atrium migrate` refused to run; each case names the file or version to fix.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case directoryUnreadable(String)
    case badFileName(String)
    case duplicateVersion(Int)
    case checksumMismatch(version: Int, name: String)
    case unknownAppliedVersion(Int)
    case statementFailed(version: Int, name: String, statement: Int, message: String)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path): "cannot read migrations at \(path)"
        case .badFileName(let file): "migration file '\(file)' is not named NNNN_name.sql"
        case .duplicateVersion(let version): "two migration files share number \(version)"
        case .checksumMismatch(let version, let name):
            "migration \(version) (\(name)) was changed after it was applied; add a new migration instead"
        case .unknownAppliedVersion(let version):
            "the database has migration \(version) applied, but no such file exists here (newer Atrium?)"
        case .statementFailed(let version, let name, let statement, let message):
            "migration \(version) (\(name)) failed at statement \(statement): \(message)"
        }
    }
}
