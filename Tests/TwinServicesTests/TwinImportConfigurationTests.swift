import Foundation
import Testing
import TwinDomain
@testable import TwinServices

@Suite("Import configuration and staging")
struct TwinImportConfigurationTests {
    let base = ["ATRIUM_DATABASE_URL": "postgres://a@h/db", "ATRIUM_MONGODB_URI": "mongodb://h"]

    @Test("ATRIUM_IMPORT_MAX_BYTES takes bytes or a binary suffix; defaults to 1 GiB")
    func maxBytes() throws {
        #expect(try AtriumConfiguration(environment: base).importMaxBytes == 1 << 30)
        for (text, bytes) in [("1048576", Int64(1 << 20)), ("512M", 512 << 20), ("2G", 2 << 30), ("64KiB", 64 << 10)] {
            var environment = base
            environment["ATRIUM_IMPORT_MAX_BYTES"] = text
            #expect(try AtriumConfiguration(environment: environment).importMaxBytes == bytes, "\(text)")
        }
        for bad in ["0", "-5", "lots", "12X", "99999999999T"] {
            var environment = base
            environment["ATRIUM_IMPORT_MAX_BYTES"] = bad
            #expect {
                _ = try AtriumConfiguration(environment: environment)
            } throws: { error in
                (error as? ConfigurationError)?.description.contains("ATRIUM_IMPORT_MAX_BYTES") == true
            }
        }
    }

    @Test("ATRIUM_IMPORT_DIR and ATRIUM_CLASSIFICATION_RULES are read as paths")
    func paths() throws {
        var environment = base
        environment["ATRIUM_IMPORT_DIR"] = "/var/spool/atrium"
        environment["ATRIUM_CLASSIFICATION_RULES"] = "/etc/atrium/rules.json"
        let configuration = try AtriumConfiguration(environment: environment)
        #expect(configuration.importDirectory == "/var/spool/atrium")
        #expect(configuration.classificationRulesPath == "/etc/atrium/rules.json")
        #expect(try AtriumConfiguration(environment: base).importDirectory == nil)
    }

    @Test("staging copies and hashes a file, and refuses one over the limit without leaving it behind")
    func staging() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("in.txt")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: source)
        let staged = try StagedUpload.stage(copying: source, into: directory.appendingPathComponent("s"), maxBytes: 10)
        #expect(staged.size == 3)
        #expect(staged.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Data(contentsOf: staged.url) == Data("abc".utf8))
        #expect(throws: ImportFailure.tooLarge(limit: 2)) {
            _ = try StagedUpload.stage(copying: source, into: directory.appendingPathComponent("t"), maxBytes: 2)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("t").path).isEmpty)
    }

    @Test("client file names are labels: no paths or control characters")
    func displayNames() {
        #expect(ImportService.displayName("../../etc/passwd") == "passwd")
        #expect(ImportService.displayName("C:\\models\\dc.ifc") == "dc.ifc")
        #expect(ImportService.displayName("a\u{0}b\nc.ifc") == "abc.ifc")
        #expect(ImportService.displayName("  ") == "upload")
    }

    @Test("errors become client-safe failures; unknown ones say nothing internal")
    func failureMapping() {
        struct Secret: Error {}
        #expect(ImportPipeline.failure(for: Secret()) == .internalError)
        #expect(ImportPipeline.failure(for: ImportFailure.empty) == .empty)
        #expect(ImportPipeline.failure(for: SecurityError.notFound).code == "import.forbidden")
        #expect(ImportPipeline.failure(for: RepositoryError.conflict(rule: "asset.mounting-overlap")).code == "import.conflict")
        #expect(ImportPipeline.failure(for: RepositoryError.conflict(rule: "version.exists")) == .superseded)
        #expect(ImportPipeline.failure(for: RepositoryError.conflict(rule: "import.job-settled")) == .interrupted)
    }
}
