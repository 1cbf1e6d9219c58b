import CapacityCore
import Foundation
import Logging
import TwinDomain

/// Energy and PUE of a site or building over time, from the hourly rollups of its power points.
///
/// IT power is read at the finest level the twin meters, which sets the Green Grid category of the
/// PUE: device points (3, at the equipment's input), else rack or PDU points (2, at PDU outputs;
/// racks preferred, never both), else UPS output (1). Facility power is the sum of points on assets
/// whose `Metering` property is `facility` (a utility meter); without one it is derived, and says
/// so: the UPS output (never less than the IT power it carries) through a UPS of `upsEfficiency`,
/// plus the cooling units'.
public struct EnergyService: Sendable {
    public struct Report: Sendable {
        public var category: Int?
        public var itBasis: String
        public var facilityBasis: String
        public var itPoints: Int
        public var current: EnergyAccount
        public var prior: EnergyAccount
        public var from: Date
        public var to: Date
        public var interval: EnergyAccount.Interval
        public var tariff: Double?
        public var currency: String?
    }

    public enum EnergyError: Error, Sendable, Equatable {
        case invalid(field: String, reason: String)
    }

    let store: any CapacityRepository & TwinRepository
    let defaultTariff: Double?
    let currency: String?
    let upsEfficiency: Double

    public init(store: any CapacityRepository & TwinRepository, defaultTariff: Double? = nil, currency: String? = nil,
                upsEfficiency: Double = 0.95) {
        self.store = store
        self.defaultTariff = defaultTariff
        self.currency = currency
        self.upsEfficiency = upsEfficiency
    }

    /// Nil when the place is not visible to the caller.
    public func report(siteID: UUID?, buildingID: UUID?, from: Date, to: Date, interval: EnergyAccount.Interval, tariff: Double?,
                       timeZone: TimeZone = TimeZone(identifier: "UTC")!, principal: Principal) async throws -> Report? {
        guard to > from, to.timeIntervalSince(from) <= 3 * 366 * 86_400 else {
            throw EnergyError.invalid(field: "from", reason: "from must be before to, at most three years apart")
        }
        if let tariff, !(tariff.isFinite && tariff >= 0 && tariff < 1_000) {
            throw EnergyError.invalid(field: "tariff", reason: "a price per kWh, 0…1000")
        }
        let access = principal.scope(for: .assetsRead)
        let site: UUID
        if let buildingID {
            guard let building = try await store.building(id: buildingID, scope: access) else { return nil }
            site = building.siteID
        } else if let siteID {
            guard try await store.site(id: siteID, scope: access) != nil else { return nil }
            site = siteID
        } else {
            throw EnergyError.invalid(field: "scope", reason: "name a site or a building")
        }
        let points = try await store.powerPoints(siteID: site, buildingID: buildingID)
        func keys(_ test: (PowerPointRow) -> Bool) -> [Int64] { points.filter(test).map(\.key) }
        let isUPS: (PowerPointRow) -> Bool = { $0.assetKind == .powerUnit && $0.predefinedType?.uppercased() == "UPS" }
        let isPDU: (PowerPointRow) -> Bool = { $0.assetKind == .powerUnit && !isUPS($0) && $0.objectType?.uppercased() == "PDU" }
        let devices = keys { $0.assetKind == .device }, racks = keys { $0.assetKind == .rack }, pdus = keys(isPDU), ups = keys(isUPS)
        let (it, category, itBasis): ([Int64], Int?, String) =
            !devices.isEmpty ? (devices, 3, "device inputs") : !racks.isEmpty ? (racks, 2, "rack feeds (PDU outputs)")
            : !pdus.isEmpty ? (pdus, 2, "PDU outputs") : !ups.isEmpty ? (ups, 1, "UPS outputs") : ([], nil, "no IT power points")
        let meters = keys { $0.metering?.lowercased() == "facility" }
        let cooling = keys { $0.assetKind == .coolingUnit }
        let facilityBasis = !meters.isEmpty ? "metered (facility meters)"
            : (ups.isEmpty ? "derived: IT ÷ \(upsEfficiency) UPS efficiency + cooling units"
                           : "derived: UPS outputs ÷ \(upsEfficiency) UPS efficiency + cooling units")
        let length = to.timeIntervalSince(from)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let price = tariff ?? defaultTariff
        func account(_ start: Date, _ end: Date) async throws -> EnergyAccount {
            let itHours = try await store.hourlyPower(pointKeys: it, from: start, to: end)
            var facility: [Date: Double] = [:]
            if !meters.isEmpty {
                for hour in try await store.hourlyPower(pointKeys: meters, from: start, to: end) { facility[hour.start] = hour.watts }
            } else {
                // The UPS output where it reported that hour, else the IT power itself, through the UPS.
                var upstream: [Date: Double] = [:]
                for hour in try await store.hourlyPower(pointKeys: ups, from: start, to: end) { upstream[hour.start] = hour.watts }
                // A UPS carries at least the IT load below it: a lower reading means it is partly metered.
                for hour in itHours { facility[hour.start] = max(upstream[hour.start] ?? 0, hour.watts) / upsEfficiency }
                for hour in try await store.hourlyPower(pointKeys: cooling, from: start, to: end) where facility[hour.start] != nil {
                    facility[hour.start, default: 0] += hour.watts
                }
            }
            let hours = itHours.map { EnergyAccount.Hour(start: $0.start, itW: $0.watts, facilityW: facility[$0.start] ?? 0) }
            return EnergyAccount(hours: hours, interval: interval, tariff: price, calendar: calendar)
        }
        return Report(category: category, itBasis: itBasis, facilityBasis: facilityBasis, itPoints: it.count,
                      current: try await account(from, to), prior: try await account(from.addingTimeInterval(-length), from),
                      from: from, to: to, interval: interval, tariff: price, currency: currency)
    }
}
