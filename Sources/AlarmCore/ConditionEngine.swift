/// Evaluates one rule for one point: readings in, confirmed transitions out.
///
/// Pure and O(1) per reading: the caller keeps the ``ConditionState`` (in memory, and durably
/// whenever ``Outcome/stateChanged`` says so) and turns transitions into alarm changes. Only a
/// change of confirmed level is a transition, so a burst of readings past a limit, however close
/// together, yields one.
public enum ConditionEngine {
    public struct Outcome: Sendable, Hashable {
        public var transition: ConditionTransition?
        /// The state differs from before (a transition, or a delay that started or was dropped);
        /// `lastValue`/`lastTime` alone do not count: they only matter to a rate rule, whose state
        /// then counts as changed on every reading.
        public var stateChanged: Bool
    }

    /// One reading. Readings older than the newest one evaluated are ignored (history keeps them;
    /// an alarm follows the present), as are NaN and infinite values.
    public static func evaluate(_ rule: AlarmRule, state: inout ConditionState, value: Double, at time: Int64) -> Outcome {
        guard value.isFinite, state.lastTime.map({ time >= $0 }) ?? true else { return Outcome(transition: nil, stateChanged: false) }
        let before = state
        let raw: ConditionLevel?
        switch rule {
        case .threshold(let threshold):
            raw = threshold.level(of: value, current: state.level)
        case .boolean(let boolean):
            raw = (value != 0) == boolean.alarmWhen ? ConditionLevel(side: .state, severity: boolean.severity) : nil
        case .rateOfChange(let rate):
            if let lastValue = state.lastValue, let lastTime = state.lastTime, time > lastTime {
                let perMinute = abs(value - lastValue) / (Double(time - lastTime) / 60_000_000)
                raw = perMinute > rate.perMinute ? ConditionLevel(side: .state, severity: rate.severity) : nil
            } else {
                raw = state.level   // no slope yet (first reading, or the same instant): no change
            }
        case .stale:
            raw = nil           // a reading is what ends staleness
        }
        state.lastValue = value
        state.lastTime = time
        let transition = settle(rule, raw: raw, state: &state, at: time, value: value)
        var changed = state.level != before.level || state.pending != before.pending || state.pendingSince != before.pendingSince
        if case .rateOfChange = rule { changed = true }
        return Outcome(transition: transition, stateChanged: changed)
    }

    /// The clock: confirms a pending change whose delay has run out (the readings since have kept
    /// pointing to it, or it would no longer be pending) and raises staleness. Call it at least
    /// as often as the shortest delay's resolution matters, and once after loading states.
    public static func tick(_ rule: AlarmRule, state: inout ConditionState, now: Int64) -> Outcome {
        let before = state
        var transition: ConditionTransition?
        if case .stale(let stale) = rule {
            if let last = state.lastTime, let limit = stale.limitMicros, now - last > limit, state.level == nil {
                let level = ConditionLevel(side: .state, severity: stale.severity)
                transition = ConditionTransition(from: nil, to: level, at: last + limit, value: nil)
                state.level = level
            }
        } else if let since = state.pendingSince {
            let delay = delayMicros(rule, to: state.pending, from: state.level)
            if now - since >= delay {
                transition = ConditionTransition(from: state.level, to: state.pending, at: since + delay, value: nil)
                state.level = state.pending
                state.pending = nil
                state.pendingSince = nil
            }
        }
        return Outcome(transition: transition, stateChanged: state != before)
    }

    /// When ``tick(_:state:now:)`` next has something to do (µs), or nil: what a scheduler sleeps until.
    public static func deadline(_ rule: AlarmRule, state: ConditionState) -> Int64? {
        if case .stale(let stale) = rule {
            guard state.level == nil, let last = state.lastTime, let limit = stale.limitMicros else { return nil }
            return last + limit + 1
        }
        guard let since = state.pendingSince else { return nil }
        return since + delayMicros(rule, to: state.pending, from: state.level)
    }

    /// The wait before a change from `from` to `to` is confirmed: the target band's on-delay for a
    /// rise, the rule's off-delay for a fall.
    static func delayMicros(_ rule: AlarmRule, to: ConditionLevel?, from: ConditionLevel?) -> Int64 {
        if let to, isRaise(to, over: from) { return micros(rule.onDelay(for: to)) }
        return micros(rule.offDelay)
    }

    /// Moves `state` toward `raw`, honouring the delays; returns the confirmed change, if any.
    static func settle(_ rule: AlarmRule, raw: ConditionLevel?, state: inout ConditionState, at time: Int64,
                       value: Double) -> ConditionTransition? {
        guard raw != state.level else {
            state.pending = nil
            state.pendingSince = nil
            return nil
        }
        let delay = delayMicros(rule, to: raw, from: state.level)
        if !state.isPending || state.pending != raw {
            state.pending = raw
            state.pendingSince = time
        }
        guard let since = state.pendingSince, time - since >= delay else { return nil }
        let transition = ConditionTransition(from: state.level, to: raw, at: time, value: value)
        state.level = raw
        state.pending = nil
        state.pendingSince = nil
        return transition
    }

    /// A rise in rank, or a move to the other side of the band at any severity (high → low).
    static func isRaise(_ to: ConditionLevel?, over from: ConditionLevel?) -> Bool {
        guard let to else { return false }
        guard let from else { return true }
        return to.severity > from.severity || to.side != from.side
    }

    static func micros(_ seconds: Double) -> Int64 { Int64((seconds * 1_000_000).rounded(.up)) }
}
