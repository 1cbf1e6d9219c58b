import AlarmCore
import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// The alarm engine of one server: every live point's rules in memory (``RuleEvaluator``), fed by
/// the readings drain after each commit and by a clock, with its condition states and alarms in
/// PostgreSQL.
///
/// - **Rules per point.** For each kind of condition (threshold, boolean, rate of change, stale)
///   the most specific enabled rule of the point's site that matches it wins.
/// - **Durable state.** A condition state is saved whenever a delay starts or ends or a level
///   changes, so after a restart an on-delay resumes where it was and fires on time (the clock
///   confirms it at `since + delay`).
/// - **Alarms.** Each confirmed transition opens, updates or clears the one open alarm of its
///   (rule, point) through the change gateway as the system principal (audited); a unique index
///   keeps two servers from opening two.
/// - **Order.** Transitions are applied in the order they were found, then the states saved; a
///   failure keeps them queued for the next attempt. A crash in between re-derives them from the
///   next readings: the alarm is found open and updated, never doubled.
/// - **Defaults.** A site with points gets the shipped rack-inlet rule (ASHRAE TC9.9) and each
///   point with imported thresholds a rule of its own, once.
public actor AlarmMonitor: ReadingObserver, Service {
    public static let engine = Principal.system(name: "alarm-engine")
    public static let defaultRuleName = "Rack inlet temperature (ASHRAE TC9.9)"

    /// What every site gets where it has points of the kind (names are the rules' identity per
    /// site): an operator edits or disables them like any other rule.
    public static let shippedRules: [(name: String, selector: RuleSelector, rule: AlarmRule)] = {
        // The literals below satisfy every validating initializer; a failure here is a programming error.
        func make() throws(RuleError) -> [(name: String, selector: RuleSelector, rule: AlarmRule)] {
            [
                (defaultRuleName, RuleSelector(quantity: "temperature", assetKind: AssetKind.rack.rawValue),
                 .threshold(ThresholdRule.rackInletDefault)),
                ("Leak detected", RuleSelector(quantity: "leak"), .boolean(try BooleanRule(alarmWhen: true, severity: .critical))),
                ("UPS on battery", RuleSelector(quantity: "on_off", assetKind: AssetKind.powerUnit.rawValue),
                 .boolean(try BooleanRule(alarmWhen: true, severity: .major))),
                ("UPS battery charge low", RuleSelector(quantity: "battery_charge"),
                 .threshold(try ThresholdRule(bands: [.init(side: .low, severity: .major, limit: 50),
                                                      .init(side: .low, severity: .critical, limit: 20)], deadband: 2))),
                ("Cooling unit fault", RuleSelector(quantity: "status", assetKind: AssetKind.coolingUnit.rawValue),
                 .threshold(try ThresholdRule(bands: [.init(side: .high, severity: .major, limit: 1.5)]))),
                ("Battery block resistance high", RuleSelector(quantity: "cell_resistance"),
                 .threshold(try ThresholdRule(bands: [.init(side: .high, severity: .minor, limit: 0.008),
                                                      .init(side: .high, severity: .major, limit: 0.011)], deadband: 0.0005))),
            ]
        }
        do { return try make() } catch { preconditionFailure("shipped alarm rule invalid: \(error)") }
    }()

    let store: any AlarmRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let logger: Logger
    let tickInterval: Duration
    let reloadInterval: Duration
    /// Tells live clients about alarm changes, when wired.
    let live: (any LiveAlarmSink)?
    /// Microseconds since 1970: the engine's clock (injected by tests).
    let now: @Sendable () -> Int64

    var evaluator = RuleEvaluator()
    /// Evaluator rule number → stored rule.
    var rulesByNumber: [Int: AlarmRuleDefinition] = [:]
    var points: [Int64: AlarmPoint] = [:]
    var loaded = false
    var queue: [RuleEvaluator.Change] = []
    var flushing = false

    public init(store: any AlarmRepository & TwinRepository, logger: Logger, tickInterval: Duration = .seconds(1),
                reloadInterval: Duration = .seconds(30), live: (any LiveAlarmSink)? = nil,
                now: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }) {
        self.store = store
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
        self.logger = logger
        self.tickInterval = tickInterval
        self.reloadInterval = reloadInterval
        self.live = live
        self.now = now
    }

    // MARK: Service

    public func run() async throws {
        var sinceReload = Duration.zero
        while !Task.isCancelledOrShuttingDown {
            if !loaded || sinceReload >= reloadInterval {
                do {
                    try await load()
                    sinceReload = .zero
                } catch {
                    logger.warning("alarm rules not loaded; retrying", metadata: ["error": .string(String(describing: error))])
                }
            }
            await tick()
            do { try await Task.sleep(for: tickInterval) } catch { return }
            sinceReload += tickInterval
        }
    }

    // MARK: Loading

    /// Reads points, rules and saved states, provisions missing defaults, and rebuilds the
    /// evaluator, keeping the in-memory state of every (rule, point) that is still watched.
    public func load() async throws {
        let points = try await store.alarmPoints()
        try await provisionDefaults(points: points)
        let rules = try await store.enabledAlarmRules()
        let saved = try await store.conditionStates()
        var states: [String: ConditionState] = [:]
        for record in saved { states["\(record.ruleID)/\(record.pointKey)"] = record.state }
        // What is in memory is newer than what was saved.
        for (point, _) in self.points {
            for watch in evaluator.watches(of: Int(point)) {
                if let rule = rulesByNumber[watch.ruleID] { states["\(rule.id)/\(point)"] = watch.state }
            }
        }
        var evaluator = RuleEvaluator()
        var numbers: [UUID: Int] = [:]
        var byNumber: [Int: AlarmRuleDefinition] = [:]
        // Candidates indexed once: a rule naming one point is looked up by it, the rest by site and
        // category, so a campus with a rule per sensor costs points × general rules, not points × rules.
        struct Key: Hashable { var site: UUID; var point: UUID?; var category: RuleCategory }
        var candidates: [Key: [(id: UUID, selector: RuleSelector)]] = [:]
        var definitions: [UUID: AlarmRuleDefinition] = [:]
        for rule in rules {
            candidates[Key(site: rule.siteID, point: rule.selector.pointID, category: RuleCategory(of: rule.rule)), default: []]
                .append((rule.id, rule.selector))
            definitions[rule.id] = rule
        }
        for point in points {
            for category in RuleCategory.allCases {
                let matching = (candidates[Key(site: point.facts.siteID, point: point.facts.pointID, category: category)] ?? [])
                    + (candidates[Key(site: point.facts.siteID, point: nil, category: category)] ?? [])
                guard let winner = RuleSelector.winner(for: point.facts, among: matching),
                      let definition = definitions[winner] else { continue }
                var rule = definition.rule
                var state = states["\(definition.id)/\(point.key)"] ?? ConditionState()
                if case .stale(let stale) = rule {
                    guard let resolved = stale.forInterval(point.expectedIntervalSeconds) else { continue }
                    rule = .stale(resolved)
                    // A new stale rule counts from the point's newest reading; a point that never
                    // reported is not stale (it may not be installed yet).
                    if state.lastTime == nil { state.lastTime = point.lastReadingMicros }
                }
                let number = numbers[definition.id] ?? {
                    let next = numbers.count + 1
                    numbers[definition.id] = next
                    byNumber[next] = definition
                    return next
                }()
                evaluator.watch(point: Int(point.key), ruleID: number, rule: rule, state: state)
            }
        }
        self.evaluator = evaluator
        self.rulesByNumber = byNumber
        self.points = Dictionary(points.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        loaded = true
    }

    /// The shipped rules for every site whose points they would watch (rack inlets, leaks, UPSs on
    /// battery, CRAC faults, battery blocks), and a rule for each point's imported thresholds;
    /// each created once (the unique indexes of migration 0015 settle races).
    func provisionDefaults(points: [AlarmPoint]) async throws {
        let existing = try await store.enabledAlarmRules()
        let defaults = Set(existing.filter { $0.origin == "default" }.map { "\($0.siteID)/\($0.name)" })
        let imported = Set(existing.filter { $0.origin == "import" }.compactMap(\.selector.pointID))
        var wanted: [AlarmRuleDefinition] = []
        for site in Set(points.map(\.facts.siteID)) {
            let facts = points.lazy.map(\.facts).filter { $0.siteID == site }
            for shipped in Self.shippedRules where !defaults.contains("\(site)/\(shipped.name)") {
                var selector = shipped.selector
                selector.siteID = site
                guard facts.contains(where: { selector.matches($0) }) else { continue }
                wanted.append(AlarmRuleDefinition(siteID: site, name: shipped.name, selector: selector, rule: shipped.rule, origin: "default"))
            }
        }
        for point in points where !point.thresholds.isEmpty && !imported.contains(point.facts.pointID) {
            do {
                let deadband = point.facts.quantity == "temperature" ? 1.0 : 0
                guard let threshold = try point.thresholds.alarmRule(deadband: deadband) else { continue }
                wanted.append(AlarmRuleDefinition(siteID: point.facts.siteID, name: "Imported thresholds",
                                                  selector: RuleSelector(pointID: point.facts.pointID, siteID: point.facts.siteID),
                                                  rule: .threshold(threshold), origin: "import"))
            } catch {
                logger.warning("imported thresholds of a point contradict each other; no rule made",
                               metadata: ["point": .string(point.facts.pointID.uuidString.lowercased()), "error": .string(error.description)])
            }
        }
        for rule in wanted {
            let change = Change(permission: .alarmsManage, action: "alarm-rule.create", objectKind: "alarm-rule",
                                objectID: rule.id.uuidString.lowercased(), siteID: rule.siteID)
            do {
                _ = try await gateway.perform(change, by: Self.engine, context: AuditContext(requestID: "alarm-engine")) { tx, _ in
                    let stored = try await tx.insertAlarmRule(rule)
                    return ChangeResult(stored, siteID: stored.siteID, after: AlarmRuleService.audit(stored))
                }
            } catch RepositoryError.conflict {
                // Another server made it first.
            }
        }
    }

    // MARK: Evaluation

    public func readingsCommitted(_ readings: [Reading]) async {
        guard loaded else { return }
        var changes: [RuleEvaluator.Change] = []
        for reading in readings where reading.quality != .bad {
            evaluator.evaluate(point: Int(reading.pointKey), value: reading.value, at: reading.timeMicros, into: &changes)
        }
        await persist(changes)
    }

    /// Delays that ran out, stale points, escalations; then anything still queued.
    public func tick() async {
        guard loaded else { return }
        var changes: [RuleEvaluator.Change] = []
        let time = now()
        evaluator.tick(now: time, into: &changes)
        await persist(changes)
        await escalate(at: time)
    }

    /// Applies transitions in order, then saves the states; one flush at a time (actor
    /// re-entrancy would otherwise interleave two flushes' transitions of the same alarm).
    func persist(_ changes: [RuleEvaluator.Change]) async {
        queue += changes
        guard !flushing, !queue.isEmpty else { return }
        flushing = true
        defer { flushing = false }
        while !queue.isEmpty {
            let batch = queue
            queue = []
            var done = 0
            do {
                for change in batch {
                    if let transition = change.transition { try await apply(transition, of: change) }
                    done += 1
                }
                try await store.saveConditionStates(batch.compactMap(record))
            } catch {
                queue = Array(batch[done...]) + queue
                logger.warning("alarm changes not stored; retrying on the next tick",
                               metadata: ["pending": .string(String(queue.count)), "error": .string(String(describing: error))])
                return
            }
        }
    }

    func record(_ change: RuleEvaluator.Change) -> ConditionRecord? {
        guard let rule = rulesByNumber[change.ruleID] else { return nil }
        return ConditionRecord(ruleID: rule.id, pointKey: Int64(change.point), state: change.state)
    }

    /// Opens, updates or clears the (rule, point)'s alarm.
    func apply(_ transition: ConditionTransition, of change: RuleEvaluator.Change) async throws {
        guard let rule = rulesByNumber[change.ruleID], let point = points[Int64(change.point)] else { return }
        let facts = point.facts
        let action = transition.to == nil ? "alarm.clear" : (transition.from == nil ? "alarm.raise" : "alarm.update")
        let audit = AuditContext(requestID: "alarm-engine")
        for attempt in 1...2 {
            do {
                let alarmChange = Change(permission: .alarmsManage, action: action, objectKind: "alarm", objectID: nil,
                                         siteID: facts.siteID, buildingID: facts.buildingID)
                let changed = try await gateway.perform(alarmChange, by: Self.engine, context: audit) { tx, _ -> ChangeResult<Alarm?> in
                    if var open = try await tx.openAlarm(ruleID: rule.id, pointID: facts.pointID) {
                        let before = AlarmService.audit(open)
                        open.record.apply(transition)
                        let stored = try await tx.updateAlarm(open)
                        let notification = AlarmNotification.payload(action: action, alarm: stored)
                        try await tx.enqueueAlarmNotification(stored, event: notification.event, payload: notification.json)
                        return ChangeResult(stored, objectID: stored.id.uuidString.lowercased(), siteID: stored.siteID,
                                            buildingID: stored.buildingID, before: before, after: AlarmService.audit(stored))
                    }
                    guard let record = AlarmRecord(raisedBy: transition) else {
                        return ChangeResult(nil, after: ["point_id": .string(facts.pointID.uuidString.lowercased()), "open": false])
                    }
                    let alarm = Alarm(siteID: facts.siteID, buildingID: facts.buildingID, floorID: facts.floorID, spaceID: facts.spaceID,
                                      assetID: point.assetID, assetKind: facts.assetKind, pointID: facts.pointID, ruleID: rule.id,
                                      quantity: facts.quantity, record: record)
                    let stored = try await tx.insertAlarm(alarm)
                    let notification = AlarmNotification.payload(action: action, alarm: stored)
                    try await tx.enqueueAlarmNotification(stored, event: notification.event, payload: notification.json)
                    return ChangeResult(stored, objectID: stored.id.uuidString.lowercased(), siteID: stored.siteID,
                                        buildingID: stored.buildingID, after: AlarmService.audit(stored))
                }
                if let changed { await live?.alarmChanged(changed, event: AlarmNotification.event(action: action, alarm: changed)) }
                return
            } catch RepositoryError.conflict where attempt == 1 {
                continue    // another server opened it meanwhile: update that one
            }
        }
    }

    /// Escalates unacknowledged alarms whose rule has a policy.
    func escalate(at time: Int64) async {
        let policies = Dictionary(rulesByNumber.values.compactMap { rule in rule.escalation.map { (rule.id, $0) } },
                                  uniquingKeysWith: { a, _ in a })
        guard !policies.isEmpty else { return }
        do {
            for alarm in try await store.openAlarms() where alarm.record.state == .active {
                guard let policy = policies[alarm.ruleID] else { continue }
                var probe = alarm.record
                guard probe.escalate(now: time, policy: policy) else { continue }
                let change = Change(permission: .alarmsManage, action: "alarm.escalate", objectKind: "alarm",
                                    objectID: alarm.id.uuidString.lowercased(), siteID: alarm.siteID, buildingID: alarm.buildingID)
                let escalated = try await gateway.perform(change, by: Self.engine, context: AuditContext(requestID: "alarm-engine")) { tx, _ -> ChangeResult<Alarm?> in
                    guard var current = try await tx.alarm(id: alarm.id, forUpdate: true),
                          current.record.escalate(now: time, policy: policy) else { return ChangeResult(nil) }
                    let stored = try await tx.updateAlarm(current)
                    let notification = AlarmNotification.payload(action: "alarm.escalate", alarm: stored)
                    try await tx.enqueueAlarmNotification(stored, event: notification.event, payload: notification.json)
                    return ChangeResult(stored, before: AlarmService.audit(alarm), after: AlarmService.audit(stored))
                }
                if let escalated { await live?.alarmChanged(escalated, event: "alarm.escalated") }
            }
        } catch {
            logger.warning("alarm escalation skipped this tick", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// What the evaluator watches (tests and health checks).
    public var watchedPoints: Int { evaluator.pointCount }
}
