/// One rack's answer to a ``PlacementRequest``: how many of the devices fit, why, or what binds.
public struct Placement: Sendable, Hashable {
    public var rackID: String
    public var rackName: String
    /// How many of the requested devices this rack takes (0: it does not qualify).
    public var fits: Int
    /// Where the first one would go (the lowest free block that is large enough).
    public var uPosition: Int?
    /// Each constraint's headroom, worded (`u_space: 8U block free`, `power_feed: 6.2 kW after losing a feed on DC1-A01-PDU-B`).
    public var reasons: [String]
    /// For a rack that does not fit: the constraint that rules it out.
    public var binding: String?
    /// The highest utilisation (space, power, weight, cooling) once one device is in; the ranking key.
    public var utilisationAfter: Double
    /// Devices assigned here when the request is spread over the ranked racks.
    public var assigned = 0
}

extension CapacityModel {
    /// Every rack in `rackIDs` (nil: all) ranked for the request: those that fit first, the most
    /// balanced headroom after placement first; those that do not, each with its binding constraint.
    public func place(_ request: PlacementRequest, among rackIDs: Set<String>? = nil) -> [Placement] {
        var answers: [Placement] = []
        for rack in racks where rackIDs?.contains(rack.id) ?? true {
            answers.append(evaluate(rack, request))
        }
        answers.sort { a, b in
            if (a.fits > 0) != (b.fits > 0) { return a.fits > 0 }
            if a.utilisationAfter != b.utilisationAfter { return a.utilisationAfter < b.utilisationAfter }
            return a.rackName < b.rackName
        }
        var remaining = request.count
        for index in answers.indices where answers[index].fits > 0 && remaining > 0 {
            let take = min(answers[index].fits, remaining)
            answers[index].assigned = take
            remaining -= take
        }
        return answers
    }

    func evaluate(_ rack: Rack, _ request: PlacementRequest) -> Placement {
        var reasons: [String] = []
        var limits: [(String, Int)] = []  // constraint, devices it allows
        // Interpolation, not String(format:): thousands of racks are worded per question.
        func kW(_ watts: Double) -> String { "\((watts / 100).rounded() / 10) kW" }

        // Space: free blocks, reservations excluded.
        let byUnits = rack.units.fits(height: request.uHeight)
        limits.append(("u_space: largest free block \(rack.units.largestFreeBlock)U < \(request.uHeight)U", byUnits))
        reasons.append("u_space: \(rack.units.free)U free, largest block \(rack.units.largestFreeBlock)U")
        let position = rack.units.freeBlocks.first { $0.height >= request.uHeight }?.start

        func count(_ headroom: Double, _ need: Double) -> Int {
            guard need > 0 else { return headroom >= 0 ? Int.max : 0 }
            return headroom < need ? 0 : Int(min(headroom / need, 1e6))
        }
        // Rack power budget.
        if let budget = rack.powerBudgetW {
            let headroom = budget - rack.loadW
            limits.append(("power_budget: \(kW(headroom)) left of \(kW(budget))", count(headroom, request.powerW)))
            reasons.append("power_budget: \(kW(headroom)) left of \(kW(budget)) (\(rack.loadBasis.replacingOccurrences(of: "_", with: " ")))")
        }
        // Feeds: every node of every chain must take the device; with A+B each alone (after a feed loss).
        switch request.feeds {
        case .redundant:
            if rack.redundancy.mode != "2N" {
                limits.append(("power_feed: the rack has \(rack.redundancy.mode == "none" ? "no feed" : "one feed only"), not A+B", 0))
            } else {
                var tightest: (String, Double)?
                for feed in rack.feeds {
                    for id in chain(of: feed) {
                        guard let node = nodes[id] else { continue }
                        let headroom = node.availableW - node.failoverLoadW
                        if tightest == nil || headroom < tightest!.1 { tightest = (node.name, headroom) }
                    }
                }
                let (name, headroom) = tightest ?? ("-", 0)
                limits.append(("power_feed: \(name) has \(kW(headroom)) left after losing a feed", count(headroom, request.powerW)))
                reasons.append("power_feed: \(kW(headroom)) left on \(name) after losing a feed (N+1)")
            }
        case .single:
            var best: (String, Double)?
            for feed in rack.feeds {
                let headroom = chain(of: feed).compactMap { nodes[$0] }.map { $0.availableW - $0.loadW }.min() ?? 0
                if best == nil || headroom > best!.1 { best = (nodes[feed]?.name ?? feed, headroom) }
            }
            if let (name, headroom) = best {
                limits.append(("power_feed: \(name) has \(kW(headroom)) left", count(headroom, request.powerW)))
                reasons.append("power_feed: \(kW(headroom)) left on \(name)")
            } else {
                limits.append(("power_feed: the rack has no feed", 0))
            }
        }
        // Cooling: the rack position, and the room without its largest unit.
        if let budget = rack.coolingBudgetW {
            let headroom = budget - rack.heatW
            limits.append(("cooling: \(kW(headroom)) of rack cooling left", count(headroom, request.powerW)))
            reasons.append("cooling: \(kW(headroom)) of rack cooling left")
        }
        if let space = rack.place.spaceID, let room = rooms[space], room.units > 0 {
            let headroom = room.coolingWithoutLargestW - room.heatW
            limits.append(("room_cooling: \(kW(headroom)) left in the room without its largest unit (N+1)", count(headroom, request.powerW)))
            reasons.append("room_cooling: \(kW(headroom)) left without the largest unit (N+1)")
        }
        // Weight.
        if let budget = rack.weightBudgetKg {
            let headroom = budget - rack.weightKg
            limits.append(("weight: \(Int(headroom.rounded())) kg left", count(headroom, request.weightKg)))
            reasons.append("weight: \(Int(headroom.rounded())) kg left of \(Int(budget.rounded())) kg")
        }
        let fits = min(limits.map(\.1).min() ?? 0, 10_000)
        let binding = fits == 0 ? limits.first { $0.1 == 0 }?.0 : nil
        // Balance: the worst utilisation once one device is in.
        func after(_ value: Double, _ add: Double, _ budget: Double?) -> Double? {
            budget.flatMap { $0 > 0 ? (value + add) / $0 : nil }
        }
        let worst = [
            rack.units.total > 0 ? Double(rack.units.used + rack.units.reserved + request.uHeight) / Double(rack.units.total) : nil,
            after(rack.loadW, request.powerW, rack.powerBudgetW), after(rack.weightKg, request.weightKg, rack.weightBudgetKg),
            after(rack.heatW, request.powerW, rack.coolingBudgetW),
        ].compactMap { $0 }.max() ?? 1
        return Placement(rackID: rack.id, rackName: rack.name, fits: fits, uPosition: fits > 0 ? position : nil, reasons: reasons,
                         binding: binding, utilisationAfter: worst)
    }
}
