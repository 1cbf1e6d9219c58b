import AlarmCore
import CapacityCore
import Foundation
import TwinDomain

/// The reports facility managers hand on, each built from the same services the API answers with
/// (energy from the hourly rollups, capacity from the capacity engine, availability from the
/// alarms), over a date range and a site or building the caller may read.
public struct ReportService: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case energySummary = "energy-summary"
        case capacityPlanning = "capacity-planning"
        case uptimeAvailability = "uptime-availability"
        case temperatureCompliance = "temperature-compliance"
        case batteryHealth = "battery-health"
    }

    public enum ReportError: Error, Sendable, Equatable {
        case invalid(field: String, reason: String)
    }

    let energy: EnergyService
    let capacity: CapacityService
    let store: any AlarmRepository & TwinRepository & ReportRepository & CapacityRepository
    let now: @Sendable () -> Date

    public init(energy: EnergyService, capacity: CapacityService, store: any AlarmRepository & TwinRepository & ReportRepository & CapacityRepository,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.energy = energy
        self.capacity = capacity
        self.store = store
        self.now = now
    }

    /// Nil when the place is not visible.
    public func report(_ kind: Kind, siteID: UUID?, buildingID: UUID?, from: Date, to: Date, timeZone: TimeZone,
                       principal: Principal) async throws -> ReportDocument? {
        guard to > from, to.timeIntervalSince(from) <= 3 * 366 * 86_400 else {
            throw ReportError.invalid(field: "from", reason: "from must be before to, at most three years apart")
        }
        let access = principal.scope(for: .assetsRead)
        let place: String
        let site: UUID
        if let buildingID {
            guard let building = try await store.building(id: buildingID, scope: access) else { return nil }
            place = building.name
            site = building.siteID
        } else if let siteID {
            guard let found = try await store.site(id: siteID, scope: access) else { return nil }
            place = found.name
            site = siteID
        } else {
            throw ReportError.invalid(field: "scope", reason: "name a site or a building")
        }
        let period = "\(place) · \(Self.day(from, timeZone)) – \(Self.day(to, timeZone))"
        var document = ReportDocument(kind: kind.rawValue, title: "", scope: period, from: from, to: to, generatedAt: now(), sections: [])
        switch kind {
        case .energySummary:
            guard let report = try await energy.report(siteID: siteID, buildingID: buildingID, from: from, to: to, interval: .day,
                                                       tariff: nil, timeZone: timeZone, principal: principal) else { return nil }
            document.title = "Energy Summary"
            document.sections = Self.energySections(report, timeZone: timeZone)
        case .capacityPlanning:
            let window = min(to.timeIntervalSince(from) / 3600, 24 * 400)
            guard let report = try await capacity.report(CapacityService.Scope(siteID: buildingID == nil ? siteID : nil, buildingID: buildingID),
                                                         windowHours: window, principal: principal) else { return nil }
            document.title = "Capacity Planning"
            let trends = try await roomTrends(report, siteID: site, buildingID: buildingID, from: from, to: to)
            document.sections = Self.capacitySections(report, trends: trends, to: to, timeZone: timeZone)
        case .temperatureCompliance:
            document.title = "Temperature Compliance"
            document.sections = Self.temperatureSections(try await store.inletHours(siteID: site, buildingID: buildingID, from: from, to: to))
        case .batteryHealth:
            document.title = "Battery Health"
            document.sections = Self.batterySections(try await store.batteryTrends(siteID: site, buildingID: buildingID, from: from, to: to))
        case .uptimeAvailability:
            document.title = "Uptime & Availability"
            document.sections = try await availabilitySections(siteID: buildingID == nil ? siteID : nil, buildingID: buildingID, from: from,
                                                               to: to, access: access, timeZone: timeZone)
        }
        return document
    }

    static func day(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func energySections(_ r: EnergyService.Report, timeZone: TimeZone) -> [ReportDocument.Section] {
        let t = r.current.totals, p = r.prior.totals
        func change(_ value: Double?) -> ReportDocument.Cell { value.map { .number($0 * 100, decimals: 1) } ?? .empty }
        var figures: [ReportDocument.Figure] = [
            .init(label: "Facility energy", value: .number(t.facilityKWh, decimals: 1), unit: "kWh"),
            .init(label: "IT energy", value: .number(t.itKWh, decimals: 1), unit: "kWh"),
            .init(label: "PUE", value: t.pue.map { .number($0, decimals: 2) } ?? .empty,
                  unit: r.category.map { "category \($0)" }),
            .init(label: "Change in facility energy vs prior period", value: change(EnergyAccount.change(t.facilityKWh, from: p.facilityKWh)), unit: "%"),
        ]
        if let cost = t.cost { figures.append(.init(label: "Cost", value: .number(cost, decimals: 2), unit: r.currency)) }
        let labels = r.current.buckets.map { day($0.start, timeZone) }
        return [
            .figures(figures),
            .note("IT power from \(r.itBasis) (\(r.itPoints) points); facility power \(r.facilityBasis)."),
            .chart(.init(title: "Energy per day", kind: .bar, unit: "kWh", labels: labels,
                         series: [("Facility", r.current.buckets.map { $0.facilityKWh }), ("IT", r.current.buckets.map { $0.itKWh })])),
            .chart(.init(title: "PUE per day", kind: .line, unit: "", labels: labels, series: [("PUE", r.current.buckets.map(\.pue))])),
            .table(.init(title: "Daily energy", columns: ["day", "it_kwh", "facility_kwh", "pue", "cost"],
                         rows: r.current.buckets.map { b in
                             [.text(day(b.start, timeZone)), .number(b.itKWh, decimals: 3), .number(b.facilityKWh, decimals: 3),
                              b.pue.map { .number($0, decimals: 3) } ?? .empty, r.tariff.map { .number($0 * b.facilityKWh, decimals: 2) } ?? .empty]
                         })),
            .table(.init(title: "Compared with the prior period", columns: ["measure", "this_period", "prior_period", "change_percent"],
                         rows: [[.text("facility_kwh"), .number(t.facilityKWh, decimals: 1), .number(p.facilityKWh, decimals: 1),
                                 change(EnergyAccount.change(t.facilityKWh, from: p.facilityKWh))],
                                [.text("it_kwh"), .number(t.itKWh, decimals: 1), .number(p.itKWh, decimals: 1),
                                 change(EnergyAccount.change(t.itKWh, from: p.itKWh))],
                                [.text("pue"), t.pue.map { .number($0, decimals: 3) } ?? .empty, p.pue.map { .number($0, decimals: 3) } ?? .empty,
                                 change(EnergyAccount.change(t.pue, from: p.pue))]])),
        ]
    }

    /// A room's IT power trend: the least-squares slope of its racks' daily average power (W per
    /// day) over the period, and the day it would reach the room's power budget at that slope.
    public struct RoomTrend: Sendable, Hashable {
        public var averageW: Double
        public var slopeWPerDay: Double
        public var exhaustion: Date?

        /// Least squares over (day number, average W); nil with fewer than two days.
        public static func fit(_ series: [(day: Int, watts: Double)], budgetW: Double, end: Date) -> RoomTrend? {
            guard series.count >= 2 else { return nil }
            let n = Double(series.count)
            let mx = series.reduce(0) { $0 + Double($1.day) } / n, my = series.reduce(0) { $0 + $1.watts } / n
            let sxx = series.reduce(0) { $0 + (Double($1.day) - mx) * (Double($1.day) - mx) }
            let slope = sxx > 0 ? series.reduce(0) { $0 + (Double($1.day) - mx) * ($1.watts - my) } / sxx : 0
            let last = series.last!.watts
            let exhaustion = slope > 0 && budgetW > last ? end.addingTimeInterval((budgetW - last) / slope * 86_400) : nil
            return RoomTrend(averageW: my, slopeWPerDay: slope, exhaustion: exhaustion)
        }
    }

    func roomTrends(_ report: CapacityService.Report, siteID: UUID, buildingID: UUID?, from: Date,
                    to: Date) async throws -> [String: RoomTrend] {
        let points = try await store.powerPoints(siteID: siteID, buildingID: buildingID).filter { $0.assetKind == .rack }
        var trends: [String: RoomTrend] = [:]
        for room in report.model.rollups where room.level == .space {
            let keys = points.filter { $0.spaceID?.uuidString.lowercased() == room.id }.map(\.key)
            let hours = try await store.hourlyPower(pointKeys: keys, from: from, to: to)
            var days: [Int: (sum: Double, count: Int)] = [:]
            for hour in hours {
                let day = Int(hour.start.timeIntervalSince1970 / 86_400)
                days[day, default: (0, 0)].sum += hour.watts
                days[day, default: (0, 0)].count += 1
            }
            let series = days.keys.sorted().map { (day: $0, watts: days[$0]!.sum / Double(days[$0]!.count)) }
            if let trend = RoomTrend.fit(series, budgetW: room.powerBudgetW, end: to) { trends[room.id] = trend }
        }
        return trends
    }

    static func capacitySections(_ report: CapacityService.Report, trends: [String: RoomTrend] = [:], to: Date = Date(),
                                 timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> [ReportDocument.Section] {
        let model = report.model
        func percent(_ value: Double?) -> ReportDocument.Cell { value.map { .number($0 * 100, decimals: 1) } ?? .empty }
        let rooms = model.rollups.filter { $0.level == .space }
        let site = model.rollups.first { $0.level == .building } ?? model.rollups.first { $0.level == .site }
        var figures: [ReportDocument.Figure] = []
        if let site {
            figures = [
                .init(label: "Racks", value: .number(Double(site.racks), decimals: 0), unit: nil),
                .init(label: "Space used", value: percent(site.spaceUtilisation), unit: "%"),
                .init(label: "Power planned of budget", value: percent(site.powerUtilisation), unit: "%"),
                .init(label: "Racks amber / red", value: .text("\(site.amber) / \(site.red)"), unit: nil),
            ]
        }
        let worst = model.racks.sorted { ($0.utilisation.worst?.value ?? 0) > ($1.utilisation.worst?.value ?? 0) }.prefix(20)
        return [
            .figures(figures),
            .chart(.init(title: "Utilisation per room", kind: .bar, unit: "%", labels: rooms.map { report.names[$0.id] ?? $0.id },
                         series: [("Space", rooms.map { ($0.spaceUtilisation ?? 0) * 100 }), ("Power", rooms.map { ($0.powerUtilisation ?? 0) * 100 }),
                                  ("Cooling", rooms.map { ($0.coolingUtilisation ?? 0) * 100 })])),
            .table(.init(title: "Rooms", columns: ["room", "racks", "u_free", "space_percent", "power_kw", "power_percent", "cooling_percent",
                                                   "amber", "red"],
                         rows: rooms.map { r in
                             [.text(report.names[r.id] ?? r.id), .number(Double(r.racks), decimals: 0), .number(Double(r.unitsFree), decimals: 0),
                              percent(r.spaceUtilisation), .number(r.loadW / 1000, decimals: 1), percent(r.powerUtilisation),
                              percent(r.coolingUtilisation), .number(Double(r.amber), decimals: 0), .number(Double(r.red), decimals: 0)]
                         })),
            .table(.init(title: "Power trend and projected exhaustion", columns: ["room", "average_kw", "trend_w_per_day", "budget_kw",
                                                                                   "projected_exhaustion"],
                         rows: rooms.map { r in
                             let trend = trends[r.id]
                             return [.text(report.names[r.id] ?? r.id), trend.map { .number($0.averageW / 1000, decimals: 1) } ?? .empty,
                                     trend.map { .number($0.slopeWPerDay, decimals: 1) } ?? .empty, .number(r.powerBudgetW / 1000, decimals: 1),
                                     trend.map { t in .text(t.exhaustion.map { day($0, timeZone) } ?? "not at this trend") } ?? .text("needs two days of measured power")]
                         })),
            .table(.init(title: "Racks closest to a limit", columns: ["rack", "worst", "utilisation_percent", "u_free", "power_kw", "basis",
                                                                       "feed_headroom_kw", "flag"],
                         rows: worst.map { r in
                             [.text(r.name), .text(r.utilisation.worst?.name ?? ""), percent(r.utilisation.worst?.value),
                              .number(Double(r.units.free), decimals: 0), .number(r.loadW / 1000, decimals: 2), .text(r.loadBasis),
                              r.redundancy.headroomW.flatMap { $0.isFinite ? .number($0 / 1000, decimals: 1) : nil } ?? .empty, .text(r.flag.rawValue)]
                         })),
        ]
    }

    func availabilitySections(siteID: UUID?, buildingID: UUID?, from: Date, to: Date, access: AccessScope,
                              timeZone: TimeZone) async throws -> [ReportDocument.Section] {
        var alarms: [Alarm] = []
        var cursor: String?
        repeat {
            let page = try await store.alarms(AlarmQuery(siteID: siteID, buildingID: buildingID, from: from, to: to,
                                                         page: PageRequest(cursor: cursor, limit: PageRequest.maximumLimit)), scope: access)
            alarms += page.items
            cursor = page.nextCursor
        } while cursor != nil && alarms.count < 1_000_000
        let acknowledged = alarms.compactMap(\.record.timeToAcknowledge), resolved = alarms.compactMap(\.record.timeToResolve)
        func mean(_ micros: [Int64]) -> Double? { micros.isEmpty ? nil : Double(micros.reduce(0, +)) / Double(micros.count) / 60_000_000 }
        let critical = alarms.filter { $0.record.peakSeverity == .critical }.sorted { $0.record.raisedAt < $1.record.raisedAt }
        var perDay: [String: Int] = [:]
        for alarm in alarms { perDay[Self.day(Date(timeIntervalSince1970: Double(alarm.record.raisedAt) / 1_000_000), timeZone), default: 0] += 1 }
        let days = perDay.keys.sorted()
        func time(_ micros: Int64?) -> ReportDocument.Cell {
            micros.map { .text(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0) / 1_000_000))) } ?? .empty
        }
        return [
            .figures([
                .init(label: "Alarms raised", value: .number(Double(alarms.count), decimals: 0), unit: nil),
                .init(label: "Critical", value: .number(Double(critical.count), decimals: 0), unit: nil),
                .init(label: "MTTA", value: mean(acknowledged).map { .number($0, decimals: 1) } ?? .empty, unit: "min"),
                .init(label: "MTTR", value: mean(resolved).map { .number($0, decimals: 1) } ?? .empty, unit: "min"),
            ]),
            .chart(.init(title: "Alarms per day", kind: .bar, unit: "alarms", labels: days, series: [("Alarms", days.map { Double(perDay[$0]!) })])),
            .table(.init(title: "By peak severity", columns: ["severity", "alarms", "acknowledged", "resolved"],
                         rows: AlarmSeverity.allCases.reversed().map { severity in
                             let these = alarms.filter { $0.record.peakSeverity == severity }
                             return [.text(severity.description), .number(Double(these.count), decimals: 0),
                                     .number(Double(these.filter { $0.record.acknowledgedAt != nil }.count), decimals: 0),
                                     .number(Double(these.filter { $0.record.resolvedAt != nil }.count), decimals: 0)]
                         })),
            .table(.init(title: "Critical events", columns: ["raised", "quantity", "state", "acknowledged", "resolved", "minutes_to_resolve"],
                         rows: critical.prefix(200).map { a in
                             [time(a.record.raisedAt), .text(a.quantity), .text(a.record.state.rawValue), time(a.record.acknowledgedAt),
                              time(a.record.resolvedAt), a.record.timeToResolve.map { .number(Double($0) / 60_000_000, decimals: 1) } ?? .empty]
                         })),
        ]
    }

    static func temperatureSections(_ inlets: [InletHours]) -> [ReportDocument.Section] {
        let hours = inlets.reduce(0) { $0 + $1.hours }
        let band = inlets.reduce(0) { $0 + $1.inRecommendedBand }, within = inlets.reduce(0) { $0 + $1.withinThreshold }
        func share(_ part: Int, _ whole: Int) -> ReportDocument.Cell { whole > 0 ? .number(Double(part) / Double(whole) * 100, decimals: 2) : .empty }
        let worst = inlets.sorted { a, b in
            let sa = Double(a.inRecommendedBand) / Double(max(a.hours, 1)), sb = Double(b.inRecommendedBand) / Double(max(b.hours, 1))
            return sa != sb ? sa < sb : a.maximumC > b.maximumC
        }
        return [
            .figures([
                .init(label: "Rack-hours within 18–27 °C (ASHRAE recommended)", value: share(band, hours), unit: "%"),
                .init(label: "Rack-hours within their warning threshold", value: share(within, hours), unit: "%"),
                .init(label: "Racks measured", value: .number(Double(inlets.count), decimals: 0), unit: nil),
                .init(label: "Hottest hour", value: inlets.map(\.maximumC).max().map { .number($0, decimals: 1) } ?? .empty, unit: "°C"),
            ]),
            .note("From hourly averages (band) and hourly maxima (threshold) of each rack's inlet sensor."),
            .chart(.init(title: "Worst racks: share of hours within 18–27 °C", kind: .bar, unit: "%", labels: worst.prefix(12).map(\.rackName),
                         series: [("In band", worst.prefix(12).map { Double($0.inRecommendedBand) / Double(max($0.hours, 1)) * 100 })])),
            .table(.init(title: "Racks, worst first", columns: ["rack", "sensor", "hours", "in_band_percent", "within_threshold_percent",
                                                               "max_c", "warn_high_c"],
                         rows: worst.map { i in
                             [.text(i.rackName), .text(i.pointName), .number(Double(i.hours), decimals: 0), share(i.inRecommendedBand, i.hours),
                              share(i.withinThreshold, i.hours), .number(i.maximumC, decimals: 1), .number(i.warnHighC, decimals: 1)]
                         })),
        ]
    }

    /// State of health falling towards 80 % (the usual replacement point for VRLA strings) is
    /// projected linearly from the period's first and last hourly averages.
    static func batterySections(_ trends: [BatteryTrend]) -> [ReportDocument.Section] {
        let health = trends.filter { $0.quantity == "state_of_health" }
        var rows: [[ReportDocument.Cell]] = []
        var replace = 0
        for t in health {
            let years = t.lastAt.timeIntervalSince(t.firstAt) / (365.25 * 86_400)
            let slope = years > 0 ? (t.last - t.first) / years : 0
            let yearsTo80 = slope < 0 && t.last > 80 ? (t.last - 80) / -slope : nil
            let cells = trends.filter { $0.upsName == t.upsName && $0.quantity == "cell_resistance" }
            let resistances = cells.map(\.last).sorted()
            let median = resistances.isEmpty ? nil : resistances[resistances.count / 2]
            let worstCell = cells.max { $0.last < $1.last }
            let cellOutlier = median.flatMap { m in worstCell.map { $0.last > 1.5 * m } } ?? false
            let recommend = t.last < 80 || (yearsTo80.map { $0 < 1 } ?? false) || cellOutlier
            if recommend { replace += 1 }
            let reason = t.last < 80 ? "state of health below 80 %"
                : (yearsTo80.map { $0 < 1 } ?? false) ? "projected below 80 % within a year"
                : cellOutlier ? "\(worstCell!.pointKey) at \(String(format: "%.1f", worstCell!.last * 1000)) mΩ, over 1.5× the string's median"
                : "—"
            rows.append([.text(t.upsName), .number(t.first, decimals: 1), .number(t.last, decimals: 1), .number(slope, decimals: 2),
                         yearsTo80.map { .number($0, decimals: 1) } ?? .empty,
                         worstCell.map { .number($0.last * 1000, decimals: 2) } ?? .empty, median.map { .number($0 * 1000, decimals: 2) } ?? .empty,
                         .text(recommend ? "replace: " + reason : "ok")])
        }
        return [
            .figures([
                .init(label: "UPS strings", value: .number(Double(health.count), decimals: 0), unit: nil),
                .init(label: "Recommended for replacement", value: .number(Double(replace), decimals: 0), unit: nil),
                .init(label: "Lowest state of health", value: health.map(\.minimum).min().map { .number($0, decimals: 1) } ?? .empty, unit: "%"),
            ]),
            .chart(.init(title: "State of health, start and end of the period", kind: .bar, unit: "%", labels: health.map(\.upsName),
                         series: [("Start", health.map(\.first)), ("End", health.map(\.last))])),
            .table(.init(title: "UPS batteries", columns: ["ups", "soh_start_percent", "soh_end_percent", "soh_change_per_year",
                                                           "years_to_80_percent", "worst_block_mohm", "median_block_mohm", "recommendation"],
                         rows: rows)),
        ]
    }
}
