import Foundation
import Testing
import AlarmCore

@Suite("Rule evaluator")
struct RuleEvaluatorTests {
    static let second: Int64 = 1_000_000
    static let t0: Int64 = 1_800_000_000 * second

    @Test("each point's rules see its readings only; the clock reaches delays and staleness")
    func pointsRulesAndClock() throws {
        var evaluator = RuleEvaluator()
        evaluator.watch(point: 1, ruleID: 10, rule: .threshold(ThresholdRule.rackInletDefault))
        evaluator.watch(point: 1, ruleID: 11, rule: .stale(try StaleRule(multiple: 3, expectedInterval: 60)))
        evaluator.watch(point: 2, ruleID: 20, rule: .boolean(try BooleanRule()))
        var changes: [RuleEvaluator.Change] = []
        evaluator.evaluate(point: 1, value: 29, at: Self.t0, into: &changes)
        #expect(changes.map(\.ruleID) == [10], "the on-delay began (state to persist); staleness has nothing to say")
        #expect(changes.first?.transition == nil && changes.first?.state.isPending == true)
        changes.removeAll()
        evaluator.evaluate(point: 2, value: 1, at: Self.t0, into: &changes)
        #expect(changes.map(\.ruleID) == [20] && changes.first?.transition?.to?.severity == .critical)
        changes.removeAll()
        evaluator.evaluate(point: 3, value: 99, at: Self.t0, into: &changes)
        #expect(changes.isEmpty, "an unwatched point")

        evaluator.tick(now: Self.t0 + 181 * Self.second, into: &changes)
        #expect(changes.map(\.ruleID) == [11], "no reading for 3 × 60 s; the on-delay still runs")
        #expect(changes.first?.transition?.to?.severity == .major)
        changes.removeAll()
        evaluator.tick(now: Self.t0 + 300 * Self.second, into: &changes)
        #expect(changes.map(\.ruleID) == [10])
        #expect(changes.first?.transition?.to?.severity == .minor)
        changes.removeAll()
        evaluator.tick(now: Self.t0 + 900 * Self.second, into: &changes)
        #expect(changes.isEmpty, "nothing left to time")
        // Replacing a rule keeps one watch per id.
        evaluator.watch(point: 1, ruleID: 10, rule: .threshold(ThresholdRule.rackInletDefault))
        #expect(evaluator.watches(of: 1).count == 2)
        evaluator.unwatch(point: 2)
        #expect(evaluator.pointCount == 1)
    }
}
