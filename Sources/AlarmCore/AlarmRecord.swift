/// One alarm's life: raised by a condition, acknowledged by a person, resolved when both the
/// condition has cleared and someone has seen it.
///
/// ```
/// ACTIVE ──ack──▶ ACKNOWLEDGED ──condition clears──▶ RESOLVED
///   │                                                   ▲
///   └──condition clears──▶ CLEARED (unacknowledged) ──ack┘
/// ```
/// A condition that returns while CLEARED makes the alarm ACTIVE again (the same alarm: one open
/// alarm per rule and point). Every method returns whether anything changed, so the caller
/// audits and notifies only real changes.
public struct AlarmRecord: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case active
        case acknowledged
        /// The condition cleared but nobody acknowledged the alarm yet.
        case cleared
        case resolved
    }

    public private(set) var state: State
    public private(set) var severity: AlarmSeverity
    /// The worst severity it reached.
    public private(set) var peakSeverity: AlarmSeverity
    public private(set) var level: ConditionLevel?
    public private(set) var raisedAt: Int64
    public private(set) var updatedAt: Int64
    /// Breaches and level changes folded into this alarm after it was raised.
    public private(set) var updates: Int = 0
    public private(set) var lastValue: Double?
    public private(set) var acknowledgedAt: Int64?
    public private(set) var acknowledgedBy: String?
    public private(set) var clearedAt: Int64?
    public private(set) var resolvedAt: Int64?
    public private(set) var shelvedUntil: Int64?
    public private(set) var escalations: Int = 0
    public private(set) var lastEscalatedAt: Int64?

    /// An alarm raised by `transition` (which must raise to a level).
    public init?(raisedBy transition: ConditionTransition) {
        guard let level = transition.to else { return nil }
        state = .active
        severity = level.severity
        peakSeverity = level.severity
        self.level = level
        raisedAt = transition.at
        updatedAt = transition.at
        lastValue = transition.value
    }

    public var isOpen: Bool { state != .resolved }

    /// Folds a later transition of the same condition in. A clear resolves an acknowledged alarm
    /// and marks an unacknowledged one CLEARED; a new level updates severity (an escalation
    /// already applied is kept when the new level is not worse).
    @discardableResult
    public mutating func apply(_ transition: ConditionTransition) -> Bool {
        guard isOpen else { return false }
        updatedAt = max(updatedAt, transition.at)
        if transition.value != nil { lastValue = transition.value }
        guard let to = transition.to else {
            guard state != .cleared else { return false }
            level = nil
            clearedAt = transition.at
            if state == .acknowledged {
                state = .resolved
                // A reading may carry a time before the acknowledgement it follows (a gateway's
                // clock, a late batch): resolution is never before the acknowledgement.
                resolvedAt = max(transition.at, acknowledgedAt ?? transition.at)
            } else {
                state = .cleared
            }
            return true
        }
        level = to
        updates += 1
        if state == .cleared {
            state = .active
            clearedAt = nil
        }
        severity = escalations > 0 ? max(severity, to.severity) : to.severity
        peakSeverity = max(peakSeverity, severity)
        return true
    }

    /// A person saw it. CLEARED becomes RESOLVED; ACTIVE becomes ACKNOWLEDGED.
    @discardableResult
    public mutating func acknowledge(by who: String, at time: Int64) -> Bool {
        switch state {
        case .active:
            state = .acknowledged
        case .cleared:
            state = .resolved
            resolvedAt = time
        case .acknowledged, .resolved:
            return false
        }
        acknowledgedAt = time
        acknowledgedBy = who
        updatedAt = max(updatedAt, time)
        return true
    }

    /// Silenced (no escalation, no re-notification) until `until`; nil unshelves.
    @discardableResult
    public mutating func shelve(until: Int64?, at time: Int64) -> Bool {
        guard isOpen, shelvedUntil != until else { return false }
        shelvedUntil = until
        updatedAt = max(updatedAt, time)
        return true
    }

    /// Raises severity one step (when `policy.raise`) and asks for a re-notification once an
    /// alarm has stayed unacknowledged for `policy.after` seconds since it was raised or last
    /// escalated; never while shelved. True when it escalated.
    @discardableResult
    public mutating func escalate(now: Int64, policy: EscalationPolicy) -> Bool {
        guard state == .active, shelvedUntil.map({ now >= $0 }) ?? true,
              now - (lastEscalatedAt ?? raisedAt) >= ConditionEngine.micros(policy.after),
              escalations < policy.maximum else { return false }
        if policy.raise { severity = severity.escalated }
        peakSeverity = max(peakSeverity, severity)
        escalations += 1
        lastEscalatedAt = now
        updatedAt = max(updatedAt, now)
        return true
    }

    /// Time to acknowledge and to resolve (µs), once known: what MTTA and MTTR average.
    public var timeToAcknowledge: Int64? { acknowledgedAt.map { $0 - raisedAt } }
    public var timeToResolve: Int64? { resolvedAt.map { $0 - raisedAt } }
}
