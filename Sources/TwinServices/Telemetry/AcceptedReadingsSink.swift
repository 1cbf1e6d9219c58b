import TwinDomain

/// Told about readings the moment ingest made them durable in the spool (before the drain moves
/// them to PostgreSQL): what live views show, with the least delay. Called on ingest's own
/// threads, synchronously: it must only hand the readings over, never wait.
public protocol AcceptedReadingsSink: Sendable {
    func readingsAccepted(_ readings: [Reading])
}
