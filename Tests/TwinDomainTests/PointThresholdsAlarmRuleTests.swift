import AlarmCore
import Testing
import TwinDomain

@Suite("Imported point thresholds as alarm rules")
struct PointThresholdsAlarmRuleTests {
    @Test("warn and alarm limits become minor and critical bands; none is no rule; contradictions are refused")
    func conversion() throws {
        let rule = try #require(try PointThresholds(warnHigh: 27, alarmHigh: 32).alarmRule(deadband: 1))
        #expect(rule.bands.map(\.limit) == [27, 32])
        #expect(rule.bands.map(\.severity) == [.minor, .critical])
        #expect(rule.level(of: 28, current: nil) == ConditionLevel(side: .high, severity: .minor))
        let both = try #require(try PointThresholds(warnLow: 18, warnHigh: 27, alarmLow: 15, alarmHigh: 32).alarmRule(deadband: 0.5))
        #expect(both.bands.count == 4)
        #expect(try PointThresholds().alarmRule(deadband: 1) == nil)
        #expect(throws: RuleError.self) { _ = try PointThresholds(warnHigh: 35, alarmHigh: 32).alarmRule(deadband: 1) }
    }
}
