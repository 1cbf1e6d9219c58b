import TwinDomain

/// Where alarm changes go for live clients: straight to this process's hub
/// (``LiveAlarmPublisher``) or through PostgreSQL to every server's (``LiveFanOut``).
public protocol LiveAlarmSink: Sendable {
    func alarmChanged(_ alarm: Alarm, event: String) async
}

extension LiveAlarmPublisher: LiveAlarmSink {
    public func alarmChanged(_ alarm: Alarm, event: String) async {
        await publish(alarm, event: event)
    }
}
