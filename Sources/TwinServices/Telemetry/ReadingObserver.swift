import TwinDomain

/// Told about readings once they are durable in PostgreSQL, in spool order (the alarm engine).
/// Called from the drain's task after each batch commits; a slow observer slows the drain, never
/// ingest (which only appends to the spool).
public protocol ReadingObserver: Sendable {
    func readingsCommitted(_ readings: [Reading]) async
}
