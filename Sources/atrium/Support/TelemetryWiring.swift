import DurableSpool
import Foundation
import Logging
import ServiceLifecycle
import TwinDomain
import TwinServices
import TwinStore

/// Points and readings for `atrium serve`: the spool under the data directory, the ingest and
/// query services over the PostGIS store, and the long-running drain and partition services.
struct TelemetryWiring: Sendable {
    let spool: DurableSpool
    /// Told of readings as ingest makes them durable (live views).
    let accepted: (any AcceptedReadingsSink)?
    let directory: PointDirectory
    let ingest: ReadingIngestService
    let query: TelemetryService
    let services: [any Service]
    let probe: SpoolHealthProbe

    static func make(configuration: AtriumConfiguration, store: PostGISTwinStore, provisioner: PointProvisioner,
                     observer: (any ReadingObserver)? = nil, accepted: (any AcceptedReadingsSink)? = nil,
                     logger: Logger) throws -> TelemetryWiring {
        let directoryURL = URL(fileURLWithPath: configuration.dataDirectory, isDirectory: true)
            .appendingPathComponent("spool", isDirectory: true).appendingPathComponent("readings", isDirectory: true)
        var options = SpoolOptions()
        options.maxBytes = UInt64(max(configuration.spoolMaxBytes, 1 << 20))
        let spool: DurableSpool
        do {
            try FileManager.default.createDirectory(at: directoryURL, withIntermediateDirectories: true)
            spool = try DurableSpool(directory: directoryURL, options: options)
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_DATA_DIR", reason: "the readings spool at \(directoryURL.path) cannot open: \(error)")
        }
        if spool.recoveryReport.recordsRecovered > 0 || !spool.recoveryReport.isClean {
            logger.notice("readings spool recovered", metadata: ["report": .string(String(describing: spool.recoveryReport))])
        }
        let points = PointDirectory(repository: store)
        let ingest = ReadingIngestService(spool: spool, directory: points, retention: configuration.readingsRetention, accepted: accepted,
                                          logger: logger)
        return TelemetryWiring(
            spool: spool, accepted: accepted, directory: points, ingest: ingest,
            query: TelemetryService(twin: store, telemetry: store, directory: points, logger: logger),
            services: [ReadingDrain(spool: spool, repository: store, observer: observer, logger: logger),
                       ReadingPartitionService(repository: store, retention: configuration.readingsRetention, logger: logger),
                       PointProvisioningSweep(twin: store, provisioner: provisioner, logger: logger)],
            probe: SpoolHealthProbe(spool: spool))
    }
}
