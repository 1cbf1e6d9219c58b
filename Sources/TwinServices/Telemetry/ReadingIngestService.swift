import DurableSpool
import Foundation
import Logging
import TelemetryCore
import TwinDomain

/// Takes readings from HTTP and makes them durable before saying yes.
///
/// Each batch is decoded (one bad item never spoils the others), every reading resolved to a point
/// the caller may write to, converted to the quantity's canonical unit and checked (range,
/// timestamps), then appended to the local write-ahead spool and fsynced. Only then does the
/// caller hear "accepted"; ``ReadingDrain`` moves the spool to PostgreSQL in order, so ingest keeps
/// going while the database is away, and a crash after the answer loses nothing.
public struct ReadingIngestService: Sendable {
    public enum Format: String, Sendable { case json, ndjson, csv }

    public let spool: DurableSpool
    public let directory: PointDirectory
    let retention: Duration
    let logger: Logger
    /// Readings stamped further ahead than this are refused (clock skew beyond it is a bug).
    public var maxFutureSkew: Duration = .seconds(300)
    let metrics = TelemetryMetrics()
    /// Live views, told of each batch once it is durable.
    let accepted: (any AcceptedReadingsSink)?

    public init(spool: DurableSpool, directory: PointDirectory, retention: Duration, accepted: (any AcceptedReadingsSink)? = nil,
                logger: Logger) {
        self.accepted = accepted
        self.spool = spool
        self.directory = directory
        self.retention = retention
        self.logger = logger
    }

    public func ingest(_ body: [UInt8], format: Format, by principal: Principal, now: Date = Date()) async throws -> IngestReport {
        let batch: TelemetryBatch = switch format {
        case .json: TelemetryJSONDecoder().decode(body)
        case .ndjson: TelemetryNDJSONDecoder().decode(body)
        case .csv: TelemetryCSVDecoder().decode(body)
        }
        for error in batch.errors { metrics.refused(error.code.rawValue) }
        if let error = batch.documentError {
            metrics.malformedDocuments.increment()
            throw IngestFailure.malformed(code: error.code.rawValue, message: error.message, line: error.line, column: error.column)
        }
        var report = IngestReport(items: batch.itemCount, refused: batch.rejectedCount)
        report.refusals = batch.errors.map {
            IngestReport.Refusal(item: $0.itemIndex ?? 0, code: $0.code.rawValue, message: $0.message, line: $0.line,
                                 column: $0.column, field: $0.field)
        }
        let scope = principal.scope(for: .readingsIngest)
        try await directory.reload()
        var readings: [Reading] = []
        readings.reserveCapacity(batch.readings.count)
        // Each distinct key is resolved once per batch (a batch names few points many times); an
        // unknown one triggers one rate-limited reload of the directory before it is refused.
        var resolved: [PointKey: Point?] = [:]
        func lookup(_ key: PointKey) -> Point? {
            if let known = resolved[key] { return known }
            let point = directory.resolve(key, allows: { scope.contains(siteID: $0.siteID, buildingID: $0.buildingID) })
            resolved[key] = point
            return point
        }
        if batch.readings.contains(where: { lookup($0.key) == nil }) {
            try await directory.reload(force: true)
            resolved.removeAll(keepingCapacity: true)
        }
        var admission = ReadingAdmission(now: now, retention: retention, maxFutureSkew: maxFutureSkew)
        func refuse(_ index: Int, _ code: String, _ message: String) {
            report.refused += 1
            metrics.refused(code)
            if report.refusals.count < 1000 {
                report.refusals.append(IngestReport.Refusal(item: batch.itemIndexes[index], code: code, message: message))
            }
        }
        for (index, decoded) in batch.readings.enumerated() {
            guard let point = lookup(decoded.key) else {
                refuse(index, "unknown_point", "no point '\(String(decoded.key.description.prefix(80)))' you may write to")
                continue
            }
            switch admission.admit(decoded, point: point) {
            case .accepted(let reading): readings.append(reading)
            case .refused(let code, let message): refuse(index, code, message)
            }
        }
        report.refusals.sort { $0.item < $1.item }
        guard !readings.isEmpty else { return report }
        let ticket: SpoolTicket
        do {
            ticket = try spool.append(contentsOf: ReadingRecord.records(readings))
        } catch {
            switch error {
            case .full:
                logger.warning("readings spool full: refusing a batch", metadata: ["readings": .string(String(readings.count))])
                metrics.spoolFull.increment()
                throw IngestFailure.spoolFull(retryAfterSeconds: 5)
            default:
                logger.error("readings spool cannot write", metadata: ["error": .string(error.description)])
                throw IngestFailure.spoolUnavailable
            }
        }
        do {
            try await spool.waitUntilDurable(ticket)
        } catch {
            logger.error("readings spool sync failed", metadata: ["error": .string(String(describing: error))])
            throw IngestFailure.spoolUnavailable
        }
        report.accepted = readings.count
        metrics.acceptedHTTP.increment(by: readings.count)
        accepted?.readingsAccepted(readings)
        return report
    }
}
