import ArgumentParser
import BIMDocuments
import Foundation
import Logging
import TwinDomain
import TwinServices
import TwinStore

/// `atrium import FILE`: the same job and pipeline as `POST /v1/imports`, run in this process
/// against `ATRIUM_DATABASE_URL`/`ATRIUM_MONGODB_URI`, with a progress bar on stderr.
///
/// Whoever can run it holds the database credentials, so it acts as a global-admin system
/// principal audited as `cli:<OS user>` (or `cli:<--user>`).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an IFC (.ifc, .ifczip, .ifc.gz) or COBie (.xlsx, SpreadsheetML .xml) file as a new model version."
    )

    @Argument(help: "The file to import (its format is read from its content).")
    var file: String

    @Option(name: .long, help: "Import into this existing site (UUID).")
    var site: String?

    @Option(name: .long, help: "Import as the next version of this model (UUID).")
    var model: String?

    @Option(name: .long, help: "Name recorded in the audit log as cli:NAME (default: the OS user).")
    var user: String?

    @Flag(name: .long, help: "Print the finished job as JSON on stdout.")
    var json = false

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let siteID = try site.map { try Self.uuid($0, "--site") }
        let modelID = try model.map { try Self.uuid($0, "--model") }
        let source = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: source.path) else { throw ValidationError("cannot read \(file)") }
        let configuration = try options.resolve()
        var logger = Logger(label: "atrium.import")
        logger.logLevel = .warning
        let url: PostgresURL
        do { url = try PostgresURL(configuration.databaseURL) } catch { throw ValidationError("ATRIUM_DATABASE_URL: \(error)") }
        let postgres = PostGISDatabase(url: url, maximumConnections: 4, logger: logger)
        let mongo: MongoClientPool
        do {
            mongo = try MongoClientPool(configuration: MongoConfiguration(uri: configuration.mongoDBURI, appName: "atrium-import"),
                                        logger: logger)
        } catch {
            throw ValidationError("ATRIUM_MONGODB_URI: libmongoc rejected the URI")
        }
        let twin: TwinWiring
        do { twin = try TwinWiring.make(configuration: configuration, postgres: postgres, mongo: mongo, logger: logger) } catch {
            throw ValidationError("\(error)")
        }
        let environment = ProcessInfo.processInfo.environment
        let principal = Principal.system(name: "cli:" + (user ?? environment["USER"] ?? environment["LOGNAME"] ?? "unknown"))
        let bar = ProgressBar(fileName: source.lastPathComponent)
        let started = ContinuousClock.now
        let finished: ImportJob
        do {
            finished = try await Self.runImport(twin: twin, postgres: postgres, source: source, siteID: siteID,
                                                modelID: modelID, principal: principal, bar: bar)
        } catch {
            bar.finish()
            await mongo.shutdown()
            throw error
        }
        await mongo.shutdown()
        bar.finish()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(finished), as: UTF8.self))
        }
        Self.summarize(finished, seconds: seconds)
        if finished.status != .succeeded { throw ExitCode.failure }
    }

    static func runImport(twin: TwinWiring, postgres: PostGISDatabase, source: URL, siteID: UUID?, modelID: UUID?,
                          principal: Principal, bar: ProgressBar) async throws -> ImportJob {
        try await postgres.whileRunning {
            try await twin.documents.ensureIndexes()
            let staged: StagedUpload
            do {
                staged = try StagedUpload.stage(copying: source, into: twin.settings.stagingDirectory, maxBytes: twin.settings.maxBytes)
            } catch let failure as ImportFailure {
                throw ImportCommandFailure(message: failure.description)
            }
            let item: ImportWorkItem
            do {
                item = try await twin.imports.accept(stagedFile: staged, fileName: source.lastPathComponent, siteID: siteID,
                                                     modelID: modelID, principal: principal, context: AuditContext(userAgent: "atrium-cli"))
            } catch let failure as ImportFailure {
                throw ImportCommandFailure(message: failure.description)
            }
            return await twin.pipeline.run(item) { bar.show($0) }
        }
    }

    static func summarize(_ job: ImportJob, seconds: Double) {
        var lines: [String] = []
        lines.append("job       \(job.id.uuidString.lowercased())  \(job.status.rawValue)  \(String(format: "%.1f", seconds)) s")
        if let format = job.format { lines.append("format    \(format.rawValue)  \(job.sizeBytes) bytes") }
        if let site = job.siteID { lines.append("site      \(site.uuidString.lowercased())") }
        if let model = job.modelID { lines.append("model     \(model.uuidString.lowercased())") }
        if let version = job.versionNumber { lines.append("version   \(version)") }
        if let code = job.errorCode { lines.append("error     \(code)") }
        for message in job.messages.prefix(20) {
            lines.append("\(message.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                         + (message.location.map { "\($0): " } ?? "") + message.message)
        }
        if job.warningCount > 0 { lines.append("warnings  \(job.warningCount)") }
        let text = lines.joined(separator: "\n") + "\n"
        if job.status == .succeeded { print(text, terminator: "") } else { FileHandle.standardError.write(Data(text.utf8)) }
    }

    static func uuid(_ text: String, _ option: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("\(option) must be a UUID") }
        return id
    }
}

/// A refusal before the job ran (bad file, not allowed), shown as the command's error.
struct ImportCommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
