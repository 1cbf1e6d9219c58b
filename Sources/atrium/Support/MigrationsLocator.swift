import Foundation

/// Finds the `Migrations` folder: `ATRIUM_MIGRATIONS_DIR`, then next to the binary's package
/// (`.build/<config>/atrium` → `../../Migrations`), then the working directory.
enum MigrationsLocator {
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment["ATRIUM_MIGRATIONS_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidate = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            let migrations = candidate.appendingPathComponent("Migrations")
            if FileManager.default.fileExists(atPath: migrations.appendingPathComponent("0001_postgis.sql").path) {
                return migrations
            }
            candidate = candidate.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Migrations")
    }
}
