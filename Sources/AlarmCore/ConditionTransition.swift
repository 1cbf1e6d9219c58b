/// A confirmed change of a condition's level: what opens, raises, lowers or clears an alarm.
public struct ConditionTransition: Sendable, Hashable, CustomStringConvertible {
    public var from: ConditionLevel?
    public var to: ConditionLevel?
    /// When the change took effect (µs): the reading's time, or the delay's end for a timed one.
    public var at: Int64
    /// The reading that caused it; nil when the clock confirmed it (a delay ran out, staleness).
    public var value: Double?

    public init(from: ConditionLevel?, to: ConditionLevel?, at: Int64, value: Double?) {
        self.from = from
        self.to = to
        self.at = at
        self.value = value
    }

    public var isRaise: Bool { ConditionLevel.rank(to) > ConditionLevel.rank(from) }
    public var clears: Bool { to == nil }

    public var description: String {
        "\(from.map(\.description) ?? "normal") → \(to.map(\.description) ?? "normal") at \(at)"
    }
}
