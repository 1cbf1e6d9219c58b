import Foundation
import Testing
import AlarmCore

@Suite("Alarm life cycle")
struct AlarmRecordTests {
    static let second: Int64 = 1_000_000
    static let t0: Int64 = 1_800_000_000 * second
    static let minor = ConditionLevel(side: .high, severity: .minor)
    static let critical = ConditionLevel(side: .high, severity: .critical)

    static func transition(_ from: ConditionLevel?, _ to: ConditionLevel?, at offset: Int64, value: Double? = 28) -> ConditionTransition {
        ConditionTransition(from: from, to: to, at: t0 + offset * second, value: value)
    }

    @Test("active → acknowledged → resolved when the condition clears; MTTA and MTTR")
    func acknowledgedThenCleared() throws {
        var alarm = try #require(AlarmRecord(raisedBy: Self.transition(nil, Self.minor, at: 0)))
        #expect(alarm.state == .active && alarm.severity == .minor)
        let step1 = alarm.apply(Self.transition(Self.minor, Self.critical, at: 10, value: 33))
        #expect(step1)
        #expect(alarm.severity == .critical && alarm.peakSeverity == .critical && alarm.updates == 1)
        let step2 = alarm.acknowledge(by: "operator-1", at: Self.t0 + 60 * Self.second)
        #expect(step2)
        let step3 = alarm.acknowledge(by: "operator-2", at: Self.t0 + 61 * Self.second)
        #expect(!step3, "once")
        #expect(alarm.state == .acknowledged && alarm.acknowledgedBy == "operator-1")
        let step4 = alarm.apply(Self.transition(Self.critical, nil, at: 300, value: 25))
        #expect(step4)
        #expect(alarm.state == .resolved && !alarm.isOpen)
        #expect(alarm.timeToAcknowledge == 60 * Self.second && alarm.timeToResolve == 300 * Self.second)
        let step5 = alarm.apply(Self.transition(nil, Self.minor, at: 400))
        #expect(!step5, "a resolved alarm is closed; the next breach opens a new one")
    }

    @Test("resolution is never before the acknowledgement, whatever the reading's time")
    func resolvedAfterAcknowledged() throws {
        var alarm = try #require(AlarmRecord(raisedBy: Self.transition(nil, Self.minor, at: 0)))
        let acknowledged = alarm.acknowledge(by: "operator-1", at: Self.t0 + 100 * Self.second)
        let cleared = alarm.apply(Self.transition(Self.minor, nil, at: 90, value: 25))
        #expect(acknowledged && cleared && alarm.state == .resolved)
        #expect(alarm.resolvedAt == Self.t0 + 100 * Self.second && alarm.clearedAt == Self.t0 + 90 * Self.second)
    }

    @Test("cleared before anyone saw it: CLEARED until acknowledged, ACTIVE again if the condition returns")
    func clearedUnacknowledged() throws {
        var alarm = try #require(AlarmRecord(raisedBy: Self.transition(nil, Self.minor, at: 0)))
        let step6 = alarm.apply(Self.transition(Self.minor, nil, at: 30, value: 25))
        #expect(step6)
        #expect(alarm.state == .cleared && alarm.isOpen)
        let step7 = alarm.apply(Self.transition(Self.minor, nil, at: 31, value: 25))
        #expect(!step7)
        let step8 = alarm.apply(Self.transition(nil, Self.minor, at: 40))
        #expect(step8)
        #expect(alarm.state == .active && alarm.clearedAt == nil, "the same alarm, not a second one")
        let step9 = alarm.apply(Self.transition(Self.minor, nil, at: 50, value: 25))
        #expect(step9)
        let step10 = alarm.acknowledge(by: "operator-1", at: Self.t0 + 70 * Self.second)
        #expect(step10)
        #expect(alarm.state == .resolved && alarm.resolvedAt == Self.t0 + 70 * Self.second)
    }

    @Test("escalation after N seconds unacknowledged, never while shelved, at most `maximum` times")
    func escalation() throws {
        let policy = try EscalationPolicy(after: 600, raise: true, maximum: 2)
        var alarm = try #require(AlarmRecord(raisedBy: Self.transition(nil, Self.minor, at: 0)))
        let step11 = alarm.escalate(now: Self.t0 + 599 * Self.second, policy: policy)
        #expect(!step11)
        let step12 = alarm.escalate(now: Self.t0 + 600 * Self.second, policy: policy)
        #expect(step12)
        #expect(alarm.severity == .major)
        let step13 = alarm.escalate(now: Self.t0 + 900 * Self.second, policy: policy)
        #expect(!step13, "10 minutes since the last escalation")
        let step14 = alarm.shelve(until: Self.t0 + 3_600 * Self.second, at: Self.t0 + 1_000 * Self.second)
        #expect(step14)
        let step15 = alarm.escalate(now: Self.t0 + 1_300 * Self.second, policy: policy)
        #expect(!step15, "shelved")
        let step16 = alarm.escalate(now: Self.t0 + 3_600 * Self.second, policy: policy)
        #expect(step16)
        #expect(alarm.severity == .critical && alarm.escalations == 2)
        let step17 = alarm.escalate(now: Self.t0 + 9_000 * Self.second, policy: policy)
        #expect(!step17, "maximum reached")
        // A lower level from the condition keeps the escalated severity.
        let step18 = alarm.apply(Self.transition(Self.minor, Self.minor, at: 9_100))
        #expect(step18)
        #expect(alarm.severity == .critical)
        let step19 = alarm.acknowledge(by: "operator-1", at: Self.t0 + 9_200 * Self.second)
        #expect(step19)
        let step20 = alarm.escalate(now: Self.t0 + 20_000 * Self.second, policy: policy)
        #expect(!step20, "acknowledged alarms do not escalate")
    }
}
