import Foundation
import TelemetryCore
import Testing
import TwinDomain
import TwinServices

/// Points created by import: each sensor's own point (Atrium_Sensor) and the standard points
/// of racks, CRACs, UPSs and PDUs from the shipped rules; ids kept by re-imports.
@Suite("Points from import", .serialized, .enabled(if: TwinImportEnvironment.available, "\(TwinImportEnvironment.skipMessage)"))
struct PointProvisioningTests {
    @Test func theSampleGetsItsSensorAndStandardPointsAndKeepsThemOnReimport() async throws {
        try await TwinImportEnvironment.with { environment in
            let job = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            #expect(job.status == .succeeded)
            let siteID = try #require(job.siteID)
            let points = try await environment.store.activePoints(siteIDs: [siteID])
            let byOrigin = Dictionary(grouping: points, by: \.origin).mapValues(\.count)
            // 64 temperature + 8 humidity sensors; 64 racks × 2, 8 CRACs × 8, 2 UPS × (9 + 8 battery blocks × 2), 16 PDUs × 4.
            #expect(byOrigin["import"] == 72, "\(byOrigin)")
            #expect(byOrigin["rule"] == 64 * 2 + 8 * 8 + 2 * 25 + 16 * 4, "\(byOrigin)")
            let sensor = try #require(points.first { $0.externalKey == "DC1-A01-R01-TS/temperature" })
            #expect(sensor.thresholds == PointThresholds(warnHigh: 27, alarmHigh: 32))
            #expect(sensor.unit == "°C" && sensor.sensorAssetID != nil && sensor.assetID != nil, "the rack it is named after")
            let humidity = try #require(points.first { $0.quantity == .humidity })
            #expect(humidity.thresholds.alarmHigh == 80)
            #expect(Set(points.compactMap(\.externalKey)).count == points.count)

            // Re-importing the same file changes nothing: same ids, same keys, nothing retired.
            let again = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            #expect(again.status == .succeeded)
            let after = try await environment.store.activePoints(siteIDs: [siteID])
            #expect(Set(after.map(\.id)) == Set(points.map(\.id)))
            #expect(try await environment.count("SELECT count(*) FROM points WHERE retired_at IS NOT NULL") == 0)
            #expect(try await environment.count("SELECT count(*) FROM audit_log WHERE action = 'points.sync'") == 2)
        }
    }

    @Test func rulesFilesAreCheckedWhenLoaded() throws {
        let bad = Data(#"{"rules":[{"kind":"rack","points":[{"suffix":"p","name":"x","quantity":"power","unit":"°C"}]}]}"#.utf8)
        #expect(throws: (any Error).self) { try PointRules.parse(bad) }
        let unknown = Data(#"{"rules":[{"kind":"rack","points":[{"suffix":"p","name":"x","quantity":"power","unit":"furlongs"}]}]}"#.utf8)
        #expect(throws: (any Error).self) { try PointRules.parse(unknown) }
        #expect(try PointProvisioner.loadRules(path: nil).rules.count == 4)
    }
}
