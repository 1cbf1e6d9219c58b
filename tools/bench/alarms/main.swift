import AlarmCore
import Foundation

/// Readings through `RuleEvaluator` (the ASHRAE rack-inlet rule with its 5-minute on-delay plus a
/// stale rule on every point), against the floor measured in the same run: the same loop doing
/// only the per-point dictionary lookup and store a stateful evaluator cannot avoid.
@main
struct AlarmsBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let readings = arguments.first ?? 20_000_000
        let points = arguments.dropFirst().first ?? 10_000
        let stale = AlarmRule.stale(try StaleRule(multiple: 3, expectedInterval: 60))
        // Worst case by default: every reading a fresh uniform draw in 24–34 °C, so points cross
        // the limits all the time. `walk` as a third argument: each point follows a slow random walk
        // (±0.05 °C a reading, consecutive readings of a point are consecutive steps).
        let walk = CommandLine.arguments.contains("walk")
        var generator = SplitMix(seed: 42)
        var level = 28.0
        let values = (0..<65_536).map { _ -> Double in
            guard walk else { return 24 + Double(generator.next() % 10_000) / 1_000 }
            level = min(34, max(24, level + Double(Int(generator.next() % 101) - 50) / 1_000))
            return level
        }

        var evaluator = RuleEvaluator()
        for point in 0..<points {
            evaluator.watch(point: point, ruleID: 1, rule: .threshold(ThresholdRule.rackInletDefault))
            evaluator.watch(point: point, ruleID: 2, rule: stale)
        }
        var changes: [RuleEvaluator.Change] = []
        changes.reserveCapacity(1 << 16)
        var transitions = 0, persisted = 0
        let start = ContinuousClock.now
        for n in 0..<readings {
            let point = n % points
            let time = Int64(1_800_000_000 + n / points) * 1_000_000
            evaluator.evaluate(point: point, value: values[(n / points + point &* 7) & 0xFFFF], at: time, into: &changes)
            if changes.count >= 1 << 15 {
                transitions += changes.count { $0.transition != nil }
                persisted += changes.count
                changes.removeAll(keepingCapacity: true)
            }
        }
        transitions += changes.count { $0.transition != nil }
        persisted += changes.count
        let evaluated = ContinuousClock.now - start

        // The floor: per reading, find the point's slot and store the value and time.
        var floor: [Int: (Double, Int64)] = [:]
        for point in 0..<points { floor[point] = (0, 0) }
        var checksum = 0.0
        let floorStart = ContinuousClock.now
        for n in 0..<readings {
            let point = n % points
            let time = Int64(1_800_000_000 + n / points) * 1_000_000
            let value = values[(n / points + point &* 7) & 0xFFFF]
            if let last = floor[point] { checksum += last.0 }
            floor[point] = (value, time)
        }
        let floorTime = ContinuousClock.now - floorStart

        func rate(_ d: Duration) -> Double {
            Double(readings) / (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        print("readings \(readings), points \(points), values \(walk ? "random walk" : "uniform 24–34 °C"), 2 rules per point (rack inlet with 5 min on-delay, stale)")
        print(String(format: "evaluator: %.2f M readings/s (%.0f ns each); transitions %d, state changes to persist %d",
                     rate(evaluated) / 1e6, 1e9 / rate(evaluated), transitions, persisted))
        print(String(format: "floor (dictionary lookup + store only): %.2f M readings/s; evaluator / floor = %.2f (checksum %.0f)",
                     rate(floorTime) / 1e6, rate(evaluated) / rate(floorTime), checksum))
    }
}

/// A tiny deterministic generator (SplitMix64), so runs compare.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
