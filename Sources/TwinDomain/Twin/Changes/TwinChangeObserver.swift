/// Receives ``TwinChangeEvent``s from a change feed (in `atrium serve`, the PostgreSQL
/// `LISTEN twin_changed` listener).
///
/// Called synchronously from the feed's task, in order, so an observer flushes before the feed
/// reads the next notification; implementations must therefore return quickly and never block.
public protocol TwinChangeObserver: Sendable {
    func twinChanged(_ event: TwinChangeEvent)
}
