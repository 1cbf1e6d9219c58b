/// Every watched point's rules and condition states, for the ingest path: a reading is one
/// dictionary lookup and one ``ConditionEngine`` step per rule on its point.
///
/// Points are integers (the store's compact point key), so the lookup hashes an `Int`, not a UUID.
/// Not thread-safe by design: one evaluator belongs to one ingest task (or sits behind the
/// caller's lock), which keeps the hot path free of synchronisation.
public struct RuleEvaluator: Sendable {
    public struct Watch: Sendable, Hashable {
        public var ruleID: Int
        public var rule: AlarmRule
        public var state: ConditionState

        public init(ruleID: Int, rule: AlarmRule, state: ConditionState = ConditionState()) {
            self.ruleID = ruleID
            self.rule = rule
            self.state = state
        }
    }

    /// A confirmed transition, or a state to persist, for one (rule, point).
    public struct Change: Sendable, Hashable {
        public var point: Int
        public var ruleID: Int
        public var transition: ConditionTransition?
        public var state: ConditionState
    }

    private var watches: [Int: [Watch]] = [:]

    public init() {}

    public var pointCount: Int { watches.count }

    /// Watches `point` with `rule` (replacing the same rule id), keeping `state` (e.g. loaded from
    /// storage after a restart).
    public mutating func watch(point: Int, ruleID: Int, rule: AlarmRule, state: ConditionState = ConditionState()) {
        var list = watches[point] ?? []
        list.removeAll { $0.ruleID == ruleID }
        list.append(Watch(ruleID: ruleID, rule: rule, state: state))
        watches[point] = list
    }

    public mutating func unwatch(point: Int) {
        watches[point] = nil
    }

    public func watches(of point: Int) -> [Watch] { watches[point] ?? [] }

    /// Evaluates a reading; appends to `changes` every transition and every state worth persisting.
    public mutating func evaluate(point: Int, value: Double, at time: Int64, into changes: inout [Change]) {
        // Mutated in place through the dictionary's values (no copy-out and write-back of the
        // point's array, which would allocate on every reading).
        guard let slot = watches.index(forKey: point) else { return }
        for index in watches.values[slot].indices {
            let outcome = ConditionEngine.evaluate(watches.values[slot][index].rule, state: &watches.values[slot][index].state,
                                                   value: value, at: time)
            if outcome.transition != nil || outcome.stateChanged {
                let watch = watches.values[slot][index]
                changes.append(Change(point: point, ruleID: watch.ruleID, transition: outcome.transition, state: watch.state))
            }
        }
    }

    /// The clock over every watch: delays that ran out, points gone stale.
    public mutating func tick(now: Int64, into changes: inout [Change]) {
        for (point, var list) in watches {
            var touched = false
            for index in list.indices where ConditionEngine.deadline(list[index].rule, state: list[index].state).map({ $0 <= now }) ?? false {
                let outcome = ConditionEngine.tick(list[index].rule, state: &list[index].state, now: now)
                if outcome.transition != nil || outcome.stateChanged {
                    changes.append(Change(point: point, ruleID: list[index].ruleID, transition: outcome.transition, state: list[index].state))
                    touched = true
                }
            }
            if touched { watches[point] = list }
        }
    }
}
