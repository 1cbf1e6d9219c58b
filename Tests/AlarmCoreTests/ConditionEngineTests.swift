import Foundation
import Testing
import AlarmCore

/// Thresholds with deadband and delays, boolean, rate-of-change and stale rules, driven by
/// readings and a clock in microseconds: no servers, no sleeping.
@Suite("Alarm condition engine")
struct ConditionEngineTests {
    static let second: Int64 = 1_000_000
    static let t0: Int64 = 1_800_000_000 * second

    static func rule(warn: Double = 27, critical: Double = 32, deadband: Double = 1, onDelay: Double = 0,
                     offDelay: Double = 0) throws -> AlarmRule {
        .threshold(try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: warn, onDelay: onDelay),
                                             .init(side: .high, severity: .critical, limit: critical)],
                                     deadband: deadband, offDelay: offDelay))
    }

    /// Feeds `values` one `step` apart from `start`; returns the transitions in order.
    static func feed(_ rule: AlarmRule, _ state: inout ConditionState, _ values: [Double], start: Int64 = t0,
                     step: Int64 = second) -> [ConditionTransition] {
        values.enumerated().compactMap { index, value in
            ConditionEngine.evaluate(rule, state: &state, value: value, at: start + Int64(index) * step).transition
        }
    }

    static func levels(_ transitions: [ConditionTransition]) -> [String] {
        transitions.map { $0.to.map(\.description) ?? "normal" }
    }

    @Test("warning, then critical, then auto-resolve only past the deadband")
    func warningCriticalResolve() throws {
        let rule = try Self.rule()
        var state = ConditionState()
        let transitions = Self.feed(rule, &state, [25, 27, 27.5, 31, 32.5, 31.2, 30.9, 26.4, 26.1, 25.9])
        #expect(Self.levels(transitions) == ["high minor", "high critical", "high minor", "normal"])
        #expect(transitions.map(\.value) == [27.5, 32.5, 30.9, 25.9], "27 is not above 27; 31.2 is within the deadband of 32")
        #expect(state.level == nil && !state.isPending)
    }

    @Test("a value oscillating ±0.3 °C around the limit raises once and never flaps")
    func noFlapping() throws {
        let rule = try Self.rule()
        var state = ConditionState()
        let wave = (0..<2_000).map { 27 + ($0.isMultiple(of: 2) ? 0.3 : -0.3) }
        let transitions = Self.feed(rule, &state, wave)
        #expect(Self.levels(transitions) == ["high minor"])
        #expect(Self.levels(Self.feed(rule, &state, [26.2, 25.99], start: Self.t0 + 3_000 * Self.second)) == ["normal"])
    }

    @Test("on-delay: above 27 °C for 5 minutes, a dip below the limit restarts the wait, critical skips it")
    func onDelay() throws {
        let rule = try Self.rule(onDelay: 300)
        var state = ConditionState()
        // Every 30 s at 28 °C: confirmed by the reading at +300 s, stamped with that reading's time.
        var transitions = Self.feed(rule, &state, Array(repeating: 28, count: 11), step: 30 * Self.second)
        #expect(Self.levels(transitions) == ["high minor"])
        #expect(transitions.first?.at == Self.t0 + 300 * Self.second)

        state = ConditionState()
        let start = Self.t0 + 10_000 * Self.second
        transitions = Self.feed(rule, &state, [28, 28, 28, 26.8, 28, 28], start: start, step: 100 * Self.second)
        #expect(transitions.isEmpty, "26.8 is not above 27: the 5 minutes start again at +400 s")
        #expect(state.pendingSince == start + 400 * Self.second)
        #expect(ConditionEngine.deadline(rule, state: state) == start + 700 * Self.second)

        transitions = Self.feed(rule, &state, [33], start: start + 550 * Self.second)
        #expect(Self.levels(transitions) == ["high critical"], "critical has no on-delay")
    }

    @Test("the clock confirms a delay that ran out without another reading, also after a restart")
    func tickAfterRestart() throws {
        let rule = try Self.rule(onDelay: 300)
        var state = ConditionState()
        _ = Self.feed(rule, &state, [28, 28], step: 60 * Self.second)
        // The server stops here; the state was persisted (it changed when the delay began).
        let saved = try JSONEncoder().encode(state)
        var restored = try JSONDecoder().decode(ConditionState.self, from: saved)
        #expect(restored == state)
        #expect(ConditionEngine.tick(rule, state: &restored, now: Self.t0 + 299 * Self.second).transition == nil)
        let fired = try #require(ConditionEngine.tick(rule, state: &restored, now: Self.t0 + 900 * Self.second).transition)
        #expect(fired.to == ConditionLevel(side: .high, severity: .minor))
        #expect(fired.at == Self.t0 + 300 * Self.second, "on time: when the delay ran out, not when the clock noticed")
        #expect(fired.value == nil)
        #expect(ConditionEngine.deadline(rule, state: restored) == nil)
    }

    @Test("off-delay: a level is left only after the value stayed back for the delay")
    func offDelay() throws {
        let rule = try Self.rule(offDelay: 120)
        var state = ConditionState()
        var transitions = Self.feed(rule, &state, [28, 25, 25, 28, 25], step: 60 * Self.second)
        #expect(Self.levels(transitions) == ["high minor"], "back above within 2 minutes: no clear")
        transitions = Self.feed(rule, &state, [25, 25, 25], start: Self.t0 + 300 * Self.second, step: 60 * Self.second)
        #expect(Self.levels(transitions) == ["normal"])
        #expect(transitions.first?.at == Self.t0 + 360 * Self.second, "120 s after the fall began at +240 s")
    }

    @Test("a burst of readings past the limit within a millisecond is one transition")
    func burst() throws {
        let rule = try Self.rule()
        var state = ConditionState()
        let transitions = Self.feed(rule, &state, Array(repeating: 30, count: 5_000), step: 0)
        #expect(transitions.count == 1)
        let outcomes = (0..<100).map { _ in ConditionEngine.evaluate(rule, state: &state, value: 30.5, at: Self.t0) }
        #expect(outcomes.allSatisfy { $0.transition == nil && !$0.stateChanged }, "nothing to persist for a repeat")
    }

    @Test("readings older than the newest, NaN and infinities are not evaluated")
    func ignoredReadings() throws {
        let rule = try Self.rule()
        var state = ConditionState()
        _ = Self.feed(rule, &state, [25], start: Self.t0 + 10 * Self.second)
        #expect(ConditionEngine.evaluate(rule, state: &state, value: 40, at: Self.t0).transition == nil, "out of order")
        #expect(ConditionEngine.evaluate(rule, state: &state, value: .nan, at: Self.t0 + 11 * Self.second).transition == nil)
        #expect(ConditionEngine.evaluate(rule, state: &state, value: .infinity, at: Self.t0 + 12 * Self.second).transition == nil)
        #expect(state.level == nil && state.lastValue == 25)
    }

    @Test("low bands mirror high ones; crossing from high to low is a raise")
    func lowBands() throws {
        let rule = AlarmRule.threshold(try ThresholdRule(bands: [.init(side: .low, severity: .minor, limit: 18),
                                                                 .init(side: .low, severity: .critical, limit: 15),
                                                                 .init(side: .high, severity: .minor, limit: 27)],
                                                         deadband: 0.5))
        var state = ConditionState()
        let transitions = Self.feed(rule, &state, [20, 17.9, 18.3, 18.6, 14, 16, 30])
        #expect(Self.levels(transitions) == ["low minor", "normal", "low critical", "low minor", "high minor"])
    }

    @Test("boolean, rate-of-change and stale rules")
    func stateRules() throws {
        let leak = AlarmRule.boolean(try BooleanRule(alarmWhen: true, severity: .critical, onDelay: 5))
        var state = ConditionState()
        #expect(Self.levels(Self.feed(leak, &state, [0, 1, 1, 1, 1, 1, 1, 0])) == ["state critical", "normal"])

        let rate = AlarmRule.rateOfChange(try RateOfChangeRule(perMinute: 2, severity: .major))
        state = ConditionState()
        // 0.1 °C per 10 s is 0.6/min; then 0.5 per 10 s is 3/min.
        let rising = Self.feed(rate, &state, [22, 22.1, 22.2, 22.7, 23.2, 23.3], step: 10 * Self.second)
        #expect(Self.levels(rising) == ["state major", "normal"])

        let stale = AlarmRule.stale(try StaleRule(multiple: 3, expectedInterval: 60))
        state = ConditionState()
        _ = Self.feed(stale, &state, [1])
        #expect(ConditionEngine.tick(stale, state: &state, now: Self.t0 + 180 * Self.second).transition == nil)
        let lost = try #require(ConditionEngine.tick(stale, state: &state, now: Self.t0 + 181 * Self.second).transition)
        #expect(lost.to?.severity == .major && lost.at == Self.t0 + 180 * Self.second)
        #expect(ConditionEngine.tick(stale, state: &state, now: Self.t0 + 500 * Self.second).transition == nil, "raised once")
        #expect(Self.levels(Self.feed(stale, &state, [1], start: Self.t0 + 600 * Self.second)) == ["normal"])
    }

    @Test("rules with inverted bands, a negative deadband or NaN are refused, naming the member")
    func validation() throws {
        func field(_ make: () throws -> Void) -> String? {
            do { try make() } catch let error as RuleError { return error.field } catch { return "\(error)" }
            return nil
        }
        #expect(field { _ = try ThresholdRule(bands: []) } == "bands")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: 27)], deadband: -1) } == "deadband")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: .nan)]) } == "bands[0].limit")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: 27, onDelay: -5)]) } == "bands[0].on_delay")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: 32),
                                                      .init(side: .high, severity: .critical, limit: 27)]) } == "bands",
                "inverted: critical below warning")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .low, severity: .minor, limit: 26),
                                                      .init(side: .high, severity: .minor, limit: 27)], deadband: 1) } == "bands",
                "low and high closer than twice the deadband")
        #expect(field { _ = try ThresholdRule(bands: [.init(side: .state, severity: .minor, limit: 1)]) } == "bands[0].side")
        #expect(field { _ = try RateOfChangeRule(perMinute: 0) } == "per_minute")
        #expect(field { _ = try StaleRule(multiple: 0.5, expectedInterval: 60) } == "multiple")
        #expect(field { _ = try EscalationPolicy(after: 0) } == "after")
        // The shipped default is one the validating initializer accepts, and means what it says.
        let shipped = ThresholdRule.rackInletDefault
        #expect(try ThresholdRule(bands: shipped.bands, deadband: shipped.deadband, offDelay: shipped.offDelay) == shipped)
        #expect(shipped.bands.map(\.limit) == [27, 32] && shipped.bands.first?.onDelay == 300 && shipped.deadband == 1)
    }

    @Test("rules and states survive JSON")
    func codable() throws {
        let rules: [AlarmRule] = [try Self.rule(onDelay: 300), .boolean(try BooleanRule()),
                                  .rateOfChange(try RateOfChangeRule(perMinute: 1)), .stale(try StaleRule(expectedInterval: 60))]
        let decoded = try JSONDecoder().decode([AlarmRule].self, from: try JSONEncoder().encode(rules))
        #expect(decoded == rules)
    }
}
