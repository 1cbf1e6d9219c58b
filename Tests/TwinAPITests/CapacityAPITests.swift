import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// Capacity on the imported sample, checked against SQL written independently here: U space,
/// nameplate power and weight per rack, the A/B floor PDUs' loads, flags, placements and
/// reservations (audited, overlaps refused, scope kept).
@Suite("Capacity API", .serialized, .enabled(if: TwinSampleHarness.available, "\(TwinSampleHarness.skipMessage)"))
struct CapacityAPITests {
    func application(_ h: TwinSampleHarness) throws -> some ApplicationProtocol {
        var logger = Logger(label: "capacity-test")
        logger.logLevel = .warning
        var twin = try #require(h.dependencies.twin)
        twin.capacity = CapacityService(store: h.store, logger: logger)
        twin.deviceImport = DeviceBulkImport(store: h.store, assets: twin.assets)
        var dependencies = h.dependencies
        dependencies.twin = twin
        return Application(router: try buildValidatedRouter(dependencies: dependencies).router)
    }

    /// One row of numbers from SQL.
    func sql(_ h: TwinSampleHarness, _ query: String) async throws -> [Double] {
        var values: [Double] = []
        for try await row in try await h.security.database.client.query(PostgresQuery(unsafeSQL: query)) {
            let cells = row.makeRandomAccess()
            for index in 0..<cells.count {
                let cell = cells[index]
                if let value = try? cell.decode(Double?.self) { values.append(value ?? 0) } else { values.append(Double(try cell.decode(Int64?.self) ?? 0)) }
            }
        }
        return values
    }

    @Test("rack U space, nameplate power, weight and feeds equal SQL's; PDU loads add up A/B; placements name what binds; reservations")
    func capacityOfTheSample() async throws {
        try await TwinSampleHarness.with { h in
            try await self.application(h).test(.router) { client in
                let fm = try await client.login("fmA").access
                let building = h.buildingID.uuidString.lowercased()
                let answer = try await client.json("/v1/capacity?building=\(building)", .get, token: fm)
                #expect(answer.status == .ok)
                let body = try #require(answer.body.jsonObject)
                let racks = try #require(body["racks"] as? [[String: Any]])
                #expect(racks.count == 64)
                let rack = try #require(racks.first { $0["name"] as? String == "DC1-A01-R03" })
                let rackID = try #require(rack["id"] as? String)
                // Independently: the devices aggregated into the rack.
                let expected = try await sql(h, """
                    SELECT sum(d.power_draw_w), sum(d.u_height), sum(d.weight_kg), max(r.power_budget_w), max(r.rack_u_height)
                    FROM assets d JOIN assets r ON r.id = d.parent_id WHERE r.id = '\(rackID)'
                    """)
                let power = try #require(rack["power"] as? [String: Any]), units = try #require(rack["units"] as? [String: Any])
                let weight = try #require(rack["weight"] as? [String: Any]), cooling = try #require(rack["cooling"] as? [String: Any])
                #expect(power["nameplate_w"] as? Double == expected[0] && power["basis"] as? String == "nameplate")
                #expect(units["used"] as? Int == Int(expected[1]) && units["total"] as? Int == Int(expected[4]))
                #expect(units["free"] as? Int == Int(expected[4] - expected[1]))
                #expect(abs((weight["kg"] as? Double ?? 0) - expected[2]) < 1e-9)
                #expect(abs((power["utilisation"] as? Double ?? 0) - expected[0] / expected[3]) < 1e-12)
                #expect(abs((cooling["heat_btu_h"] as? Double ?? 0) - expected[0] * 3.412141633) < 1e-6)
                let redundancy = try #require(rack["redundancy"] as? [String: Any])
                // Planned on nameplate (no readings here), one UPS cannot carry the whole building when the other is lost:
                // 450 kW × 80 % = 360 kW against every device's nameplate (SQL) — the tightest node, with that headroom.
                let nameplate = try await sql(h, "SELECT sum(power_draw_w) FROM assets WHERE kind = 'device'")[0]
                #expect(redundancy["mode"] as? String == "2N" && redundancy["survives_feed_loss"] as? Bool == false)
                #expect((redundancy["tightest_node"] as? String)?.hasPrefix("DC1-UPS-") == true)
                #expect(abs((redundancy["headroom_w"] as? Double ?? 0) - (360_000 - nameplate)) < 1e-6)
                #expect((rack["feeds"] as? [String])?.count == 2)

                // The row's PDU A: half of every A01 rack's nameplate; after losing B, all of it.
                let row = try await sql(h, """
                    SELECT sum(d.power_draw_w) FROM assets d JOIN assets r ON r.id = d.parent_id
                    WHERE r.kind = 'rack' AND r.name LIKE 'DC1-A01-R%'
                    """)[0]
                let nodes = try #require(body["power_nodes"] as? [[String: Any]])
                let pduA = try #require(nodes.first { $0["name"] as? String == "DC1-A01-PDU-A" })
                #expect(abs((pduA["load_w"] as? Double ?? 0) - row / 2) < 1e-6)
                #expect(abs((pduA["failover_load_w"] as? Double ?? 0) - row) < 1e-6)
                #expect(pduA["feed"] as? String == "A" && pduA["racks"] as? Int == 8)
                let upsA = try #require(nodes.first { $0["name"] as? String == "DC1-UPS-A" })
                // The sample rates its UPS only in the type's name ("UPS 500kVA modular": 450 kW at 0.9 PF, 80 % usable).
                #expect(upsA["rating_source"] as? String == "type name" && upsA["available_w"] as? Double == 360_000)
                // Its CRACs likewise ("CRAC 100kW"): four per hall, the hall holds without its largest.
                let hall = try #require((body["rooms"] as? [[String: Any]])?.first { $0["name"] as? String == "DC1-DH-A" })
                #expect(hall["cooling_w"] as? Double == 400_000 && hall["cooling_without_largest_w"] as? Double == 300_000)
                #expect(hall["holds_without_largest"] as? Bool == true && body["unrated_cooling_units"] as? Int == 0)
                // Rollups: the building's load is every rack's.
                let all = try await sql(h, "SELECT sum(d.power_draw_w) FROM assets d JOIN assets r ON r.id = d.parent_id WHERE r.kind = 'rack'")[0]
                let rollup = try #require((body["rollups"] as? [[String: Any]])?.first { $0["level"] as? String == "building" })
                #expect(abs(((rollup["power"] as? [String: Any])?["load_w"] as? Double ?? 0) - all) < 1e-6)
                #expect(Set((body["rollups"] as? [[String: Any]] ?? []).compactMap { $0["level"] as? String })
                        == ["row", "space", "floor", "building", "site"])
                // Stricter thresholds flag more racks.
                let strict = try await client.json("/v1/capacity?building=\(building)&amber=0.2&red=0.3&detail=rollups", .get, token: fm)
                let strictRollup = try #require((strict.body.jsonObject?["rollups"] as? [[String: Any]])?
                    .first { $0["level"] as? String == "building" })
                let flags = try #require(strictRollup["flags"] as? [String: Any])
                #expect((flags["amber"] as? Int ?? 0) + (flags["red"] as? Int ?? 0) > 0)
                #expect(strict.body.jsonObject?["racks"] == nil)
                #expect(try await client.json("/v1/capacity?building=\(building)&amber=0.9&red=0.5", .get, token: fm).status == .unprocessableContent)
                #expect(try await client.json("/v1/capacity", .get, token: fm).status == .unprocessableContent)

                // Placement: a device taller than any rack's free space (SQL: the most units any rack has left) fits
                // nowhere, and every rack says the U space binds.
                let largest = try await sql(h, """
                    SELECT max(r.rack_u_height - coalesce((SELECT sum(d.u_height) FROM assets d WHERE d.parent_id = r.id), 0))
                    FROM assets r WHERE r.kind = 'rack'
                    """)[0]
                let tall = try await client.json("/v1/capacity/placements", .post, token: fm,
                                                 body: ["u_height": Int(largest) + 1, "power_w": 500, "building_id": building])
                let tallBody = try #require(tall.body.jsonObject)
                #expect(tallBody["placed"] as? Int == 0 && tallBody["rejected_total"] as? Int == 64)
                #expect((tallBody["rejected"] as? [[String: Any]])?.allSatisfy { ($0["binding"] as? String)?.hasPrefix("u_space") == true } == true)
                // A+B: nowhere, the UPS binds; on one feed, three fit, with their reasons.
                let redundant = try await client.json("/v1/capacity/placements", .post, token: fm,
                                                      body: ["u_height": 2, "power_w": 800, "count": 3, "building_id": building])
                #expect(redundant.body.jsonObject?["placed"] as? Int == 0)
                #expect(((redundant.body.jsonObject?["rejected"] as? [[String: Any]])?.first?["binding"] as? String)?
                        .hasPrefix("power_feed: DC1-UPS-") == true)
                let small = try await client.json("/v1/capacity/placements", .post, token: fm,
                                                  body: ["u_height": 2, "power_w": 800, "weight_kg": 25, "count": 3, "feeds": "single",
                                                         "building_id": building])
                let smallBody = try #require(small.body.jsonObject)
                #expect(smallBody["placed"] as? Int == 3)
                let best = try #require((smallBody["results"] as? [[String: Any]])?.first)
                #expect((best["reasons"] as? [String])?.contains { $0.hasPrefix("power_feed:") } == true)
                #expect((best["reasons"] as? [String])?.contains { $0.hasPrefix("room_cooling:") } == true)
                let bad = try await client.json("/v1/capacity/placements", .post, token: fm, body: ["u_height": 2, "power_w": -5, "building_id": building])
                #expect(bad.status == .unprocessableContent && String(describing: bad.body.jsonObject).contains("power_w"))

                // Reservations: the rack's first free block, audited; overlaps refused.
                let block = try #require((units["free_blocks"] as? [[String: Any]])?.first)
                let start = try #require(block["start"] as? Int)
                let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(7 * 86_400))
                let reserved = try await client.json("/v1/capacity/reservations", .post, token: fm,
                                                     body: ["rack_id": rackID, "u_position": start, "u_height": 2, "expires_at": expires,
                                                            "note": "PO 4711"])
                #expect(reserved.status == .created, "\(String(describing: reserved.body.jsonObject))")
                let reservationID = try #require(reserved.body.jsonObject?["id"] as? String)
                #expect(try await client.json("/v1/capacity/reservations", .post, token: fm,
                                              body: ["rack_id": rackID, "u_position": start + 1, "u_height": 2, "expires_at": expires]).status == .conflict)
                // A unit a device takes: U1 unless the first free block starts there, else the unit above that block.
                let occupied = start > 1 ? 1 : start + (block["height"] as? Int ?? 0)
                let onDevice = try await client.json("/v1/capacity/reservations", .post, token: fm,
                                                     body: ["rack_id": rackID, "u_position": occupied, "u_height": 1, "expires_at": expires])
                #expect(onDevice.status == .conflict && String(describing: onDevice.body.jsonObject).contains("overlaps DC1-A01-R03"),
                        "\(String(describing: onDevice.body.jsonObject))")
                #expect(try await client.json("/v1/capacity/reservations", .post, token: fm,
                                              body: ["rack_id": rackID, "u_position": 41, "u_height": 5, "expires_at": expires]).status
                        == .unprocessableContent)
                #expect(try await client.json("/v1/capacity/reservations", .post, token: fm,
                                              body: ["rack_id": rackID, "u_position": start, "u_height": 1,
                                                     "expires_at": "2020-01-01T00:00:00Z"]).status == .unprocessableContent)
                let after = try await client.json("/v1/capacity?rack=\(rackID)", .get, token: fm)
                let afterUnits = ((after.body.jsonObject?["racks"] as? [[String: Any]])?.first?["units"] as? [String: Any])
                #expect(afterUnits?["reserved"] as? Int == 2 && afterUnits?["free"] as? Int == Int(expected[4] - expected[1]) - 2)
                // Outside the caller's scope: 404, for reads and writes.
                let outsider = try await client.login("viewerB1").access
                #expect(try await client.json("/v1/capacity?building=\(building)", .get, token: outsider).status == .notFound)
                #expect(try await client.json("/v1/capacity/reservations/\(reservationID)", .delete, token: outsider).status != .noContent)
                #expect(try await client.json("/v1/capacity/reservations/\(reservationID)", .delete, token: fm).status == .noContent)
                let audit = try await sql(h, "SELECT count(*) FROM audit_log WHERE action IN ('rack-reservation.create', 'rack-reservation.delete') AND outcome = 'success'")
                #expect(audit.first == 2)
            }
        }
    }

    @Test("the inventory as CSV: every asset of the building once, with the JSON list's filters, rack and U, names resolved, formulas defused")
    func inventoryCSV() async throws {
        try await TwinSampleHarness.with { h in
            try await self.application(h).test(.router) { client in
                let fm = try await client.login("fmA").access
                let building = h.buildingID.uuidString.lowercased()
                // A hostile name and tag, as a careless import or a user might leave them.
                let created = try await client.json("/v1/assets", .post, token: fm, body: [
                    "site_id": h.security.siteA.uuidString.lowercased(), "building_id": building, "kind": "equipment",
                    "name": "=HYPERLINK(\"http://x\",\"y\")", "tag": "+41 evil, \"quoted\"",
                ])
                #expect(created.status == .created, "\(String(describing: created.body.jsonObject))")
                let response = try await client.execute(uri: "/v1/assets?building=\(building)&format=csv", method: .get,
                                                        headers: [.authorization: "Bearer \(fm)"])
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                let text = String(buffer: response.body)
                let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
                #expect(lines.first == "name,kind,type,rack,u_position,serial,asset_tag,ip,status,power_draw_w,installed_on,space,floor")
                let count = try await sql(h, "SELECT count(*) FROM assets WHERE building_id = '\(building)' AND retired_in_version IS NULL")[0]
                #expect(lines.count - 1 == Int(count))
                #expect(lines.contains { $0.hasPrefix("'=HYPERLINK(") || $0.hasPrefix("\"'=HYPERLINK(") }, "the formula is defused")
                #expect(lines.contains { $0.contains("\"'+41 evil, \"\"quoted\"\"\"") }, "the tag is defused and quoted")
                let device = try #require(lines.first { $0.hasPrefix("DC1-A01-R01-U01,") })
                #expect(device.split(separator: ",")[1] == "device" && device.split(separator: ",")[3] == "DC1-A01-R01"
                        && device.split(separator: ",")[4] == "1")
                // Filters as in JSON: racks only.
                let racks = try await client.execute(uri: "/v1/assets?building=\(building)&kind=rack", method: .get,
                                                     headers: [.authorization: "Bearer \(fm)", .accept: "text/csv"])
                #expect(String(buffer: racks.body).split(separator: "\r\n").count == 65)
            }
        }
    }

    @Test("energy and PUE from hourly rollups: category 2 from rack feeds, facility derived through the UPS plus cooling, cost, prior period")
    func energyAndPUE() async throws {
        try await TwinSampleHarness.with { h in
            var logger = Logger(label: "energy-test")
            logger.logLevel = .warning
            var twin = try #require(h.dependencies.twin)
            let energy = EnergyService(store: h.store, defaultTariff: 0.30, currency: "EUR")
            let capacity = CapacityService(store: h.store, logger: logger)
            twin.energy = energy
            twin.capacity = capacity
            twin.reports = ReportService(energy: energy, capacity: capacity, store: h.store)
            var dependencies = h.dependencies
            dependencies.twin = twin
            let app = Application(router: try buildValidatedRouter(dependencies: dependencies).router)
            // The sample's points (the harness imports without provisioning them).
            try await PointProvisioner(twin: h.store, rules: try PointProvisioner.loadRules(path: nil), directory: nil, logger: logger)
                .provision(siteID: h.security.siteA)
            // Two racks at 1,000 W and one CRAC at 600 W for the two hours before the last full hour;
            // DC1-UPS-A reports 2,100 W in the second hour only.
            let hour = (Int(Date().timeIntervalSince1970) / 3600 - 3) * 3600
            func keyOf(_ externalKey: String) async throws -> Int {
                Int(try #require(try await sql(h, "SELECT key FROM points WHERE external_key = '\(externalKey)'").first))
            }
            let racks = [try await keyOf("DC1-A01-R01/power"), try await keyOf("DC1-A01-R02/power")]
            let crac = try await keyOf("DC1-A-CRAC-01/power"), ups = try await keyOf("DC1-UPS-A/power")
            func rollup(_ key: Int, _ start: Int, _ watts: Double) -> String {
                "(\(key), to_timestamp(\(start)), \(watts), \(watts), \(watts * 60), 60, to_timestamp(\(start + 3540)), \(watts))"
            }
            var rows: [String] = []
            for offset in [0, 3600] {
                rows += racks.map { rollup($0, hour + offset, 1_000) }
                rows.append(rollup(crac, hour + offset, 600))
            }
            rows.append(rollup(ups, hour + 3600, 2_100))
            // A rack inlet in band the first hour (avg 25, max 26) and out of it the second (avg 28, max 29); the UPS's
            // state of health falling 90 → 89.99 in an hour; one battery block at nearly three times its neighbour.
            let inlet = try await keyOf("DC1-A01-R01-TS/temperature"), soh = try await keyOf("DC1-UPS-A/state_of_health")
            let cell1 = try await keyOf("DC1-UPS-A/cell_01_resistance"), cell2 = try await keyOf("DC1-UPS-A/cell_02_resistance")
            rows.append("(\(inlet), to_timestamp(\(hour)), 24, 26, \(25 * 60), 60, to_timestamp(\(hour + 3540)), 25)")
            rows.append("(\(inlet), to_timestamp(\(hour + 3600)), 27, 29, \(28 * 60), 60, to_timestamp(\(hour + 7140)), 28)")
            rows += [rollup(soh, hour, 90), rollup(soh, hour + 3600, 89.99), rollup(cell1, hour + 3600, 0.0045), rollup(cell2, hour + 3600, 0.0125)]
            _ = try await sql(h, "INSERT INTO readings_1h (point_key, bucket, min, max, sum, count, last_time, last_value) VALUES "
                + rows.joined(separator: ", ") + " RETURNING 0::float8")
            try await app.test(.router) { client in
                let fm = try await client.login("fmA").access
                let building = h.buildingID.uuidString.lowercased()
                let answer = try await client.json("/v1/energy?building=\(building)&from=\(hour)&to=\(hour + 7200)&interval=hour", .get, token: fm)
                #expect(answer.status == .ok, "\(String(describing: answer.body.jsonObject))")
                let body = try #require(answer.body.jsonObject)
                #expect(body["pue_category"] as? Int == 2 && (body["it_basis"] as? String)?.contains("rack") == true)
                #expect((body["facility_basis"] as? String)?.hasPrefix("derived") == true)
                let series = try #require(body["series"] as? [[String: Any]])
                #expect(series.count == 2)
                // Hour 1: IT 2 kWh; facility 2,000 ÷ 0.95 + 600 W → 2.7053 kWh. Hour 2: the UPS's 2,100 ÷ 0.95 + 600 → 2.8105 kWh.
                #expect(series.map { $0["it_kwh"] as? Double } == [2, 2])
                let facility = series.compactMap { $0["facility_kwh"] as? Double }
                #expect(abs(facility[0] - (2_000 / 0.95 + 600) / 1_000) < 1e-9 && abs(facility[1] - (2_100 / 0.95 + 600) / 1_000) < 1e-9)
                let totals = try #require(body["totals"] as? [String: Any])
                let total = (2_000 / 0.95 + 2_100 / 0.95 + 1_200) / 1_000
                #expect(abs((totals["facility_kwh"] as? Double ?? 0) - total) < 1e-9 && abs((totals["pue"] as? Double ?? 0) - total / 4) < 1e-9)
                #expect(abs((totals["cost"] as? Double ?? 0) - total * 0.30) < 1e-9 && body["currency"] as? String == "EUR")
                #expect((body["prior"] as? [String: Any])?["it_kwh"] as? Double == 0)
                #expect(try await client.json("/v1/energy?building=\(building)&from=\(hour + 7200)&to=\(hour)", .get, token: fm).status
                        == .unprocessableContent)
                #expect(try await client.json("/v1/energy?building=\(building)&interval=week", .get, token: fm).status == .badRequest)
                let outsider = try await client.login("viewerB1").access
                #expect(try await client.json("/v1/energy?building=\(building)", .get, token: outsider).status == .notFound)

                // Reports over the same two hours: the Energy Summary's totals equal SQL's sum of the rack points' hourly
                // averages; every report renders as JSON, CSV and HTML with its charts.
                let range = "building=\(building)&from=\(hour)&to=\(hour + 7200)"
                let itSQL = try await sql(h, """
                    SELECT sum(sum / count) / 1000 FROM readings_1h WHERE point_key IN (\(racks.map(String.init).joined(separator: ",")))
                      AND bucket >= to_timestamp(\(hour)) AND bucket < to_timestamp(\(hour + 7200))
                    """)[0]
                let summary = try await client.json("/v1/reports/energy-summary?\(range)", .get, token: fm)
                let sections = try #require(summary.body.jsonObject?["sections"] as? [[String: Any]])
                let figures = try #require(sections.first?["figures"] as? [[String: Any]])
                #expect(figures.first { $0["label"] as? String == "IT energy" }?["value"] as? Double == itSQL)
                for kind in ["energy-summary", "capacity-planning", "uptime-availability", "temperature-compliance", "battery-health"] {
                    let csv = try await client.execute(uri: "/v1/reports/\(kind)?\(range)&format=csv", method: .get,
                                                       headers: [.authorization: "Bearer \(fm)"])
                    #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(String(buffer: csv.body).contains("\r\n"), "\(kind) CSV has rows")
                    let html = try await client.execute(uri: "/v1/reports/\(kind)?\(range)&format=html", method: .get,
                                                        headers: [.authorization: "Bearer \(fm)"])
                    let page = String(buffer: html.body)
                    #expect(html.status == .ok && page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script"), "\(kind)")
                }
                let csvSummary = try await client.execute(uri: "/v1/reports/energy-summary?\(range)&format=csv", method: .get,
                                                          headers: [.authorization: "Bearer \(fm)"])
                #expect(String(buffer: csvSummary.body).contains("Daily energy\r\nday,it_kwh,facility_kwh,pue,cost\r\n"))
                let html = try await client.execute(uri: "/v1/reports/energy-summary?\(range)&format=html", method: .get,
                                                    headers: [.authorization: "Bearer \(fm)"])
                #expect(String(buffer: html.body).contains("<rect x="), "bars drawn")
                let capacityReport = try await client.json("/v1/reports/capacity-planning?\(range)", .get, token: fm)
                let rooms = (capacityReport.body.jsonObject?["sections"] as? [[String: Any]])?.first { $0["title"] as? String == "Rooms" }
                #expect((rooms?["rows"] as? [[Any]])?.count == 2, "the sample's two halls")
                // Temperature compliance: one rack-hour of two in band, one within its 27 °C warning; SQL says the same.
                let compliance = try await client.json("/v1/reports/temperature-compliance?\(range)", .get, token: fm)
                let complianceFigures = try #require((compliance.body.jsonObject?["sections"] as? [[String: Any]])?.first?["figures"] as? [[String: Any]])
                let bandSQL = try await sql(h, """
                    SELECT (100.0 * count(*) FILTER (WHERE sum / count BETWEEN 18 AND 27) / count(*))::float8 FROM readings_1h
                    WHERE point_key = \(inlet) AND bucket >= to_timestamp(\(hour)) AND bucket < to_timestamp(\(hour + 7200))
                    """)[0]
                #expect(complianceFigures.first?["value"] as? Double == bandSQL && bandSQL == 50)
                #expect(complianceFigures[1]["value"] as? Double == 50)
                // Battery health: the falling string and its outlier block are recommended for replacement.
                let battery = try await client.json("/v1/reports/battery-health?\(range)", .get, token: fm)
                let table = (battery.body.jsonObject?["sections"] as? [[String: Any]])?.first { $0["title"] as? String == "UPS batteries" }
                let upsRow = try #require((table?["rows"] as? [[Any]])?.first { $0.first as? String == "DC1-UPS-A" })
                #expect((upsRow.last as? String)?.hasPrefix("replace") == true, "\(upsRow)")
                #expect(try await client.json("/v1/reports/nothing?\(range)", .get, token: fm).status == .notFound)
                #expect(try await client.json("/v1/reports/energy-summary?\(range)", .get, token: outsider).status == .notFound)
            }
        }
    }

    @Test("devices from CSV: every bad row named by row and column and nothing written in all-or-nothing mode; valid rows alone in rows mode; one audited transaction")
    func deviceImportFromCSV() async throws {
        try await TwinSampleHarness.with { h in
            try await self.application(h).test(.router) { client in
                let fm = try await client.login("fmA").access
                let building = h.buildingID.uuidString.lowercased()
                let capacity = try await client.json("/v1/capacity?building=\(building)", .get, token: fm)
                let rack = try #require((capacity.body.jsonObject?["racks"] as? [[String: Any]])?.first { $0["name"] as? String == "DC1-A01-R03" })
                let free = try #require(((rack["units"] as? [String: Any])?["free_blocks"] as? [[String: Any]])?.first { ($0["height"] as? Int ?? 0) >= 4 })
                let u = try #require(free["start"] as? Int)
                func post(_ csv: String, mode: String) async throws -> (HTTPResponse.Status, [String: Any]?) {
                    let response = try await client.execute(uri: "/v1/device-imports?building=\(building)&mode=\(mode)", method: .post,
                                                            headers: [.authorization: "Bearer \(fm)", .contentType: "text/csv"],
                                                            body: ByteBuffer(string: csv))
                    return (response.status, response.body.jsonObject)
                }
                func count(_ like: String) async throws -> Int {
                    Int(try await sql(h, "SELECT count(*) FROM assets WHERE name LIKE '\(like)'")[0])
                }
                let mixed = """
                    name,rack,u_position,u_height,power_draw_w,weight_kg,serial,asset_tag,allocated_power_w
                    NEW-1,DC1-A01-R03,\(u),2,450,18,SN1,AT-X1,400
                    NEW-2,DC1-A01-R03,\(u + 1),1,300,10,SN2,AT-X2,
                    NEW-3,NO-SUCH-RACK,5,1,300,10,,,
                    NEW-4,DC1-A01-R03,\(u + 3),1,-5,10,,,
                    "=HYPERLINK(""x"")",DC1-A01-R03,\(u + 3),1,100,1,,,
                    NEW-\u{0}NUL,DC1-A01-R03,\(u + 3),1,100,1,,,
                    \(String(repeating: "L", count: 300)),DC1-A01-R03,\(u + 3),1,100,1,,,
                    """
                let refused = try await post(mixed, mode: "all")
                #expect(refused.0 == .unprocessableContent && refused.1?["written"] as? Bool == false)
                let rows = try #require(refused.1?["rows"] as? [[String: Any]])
                func errors(_ line: Int) -> [String] {
                    (rows.first { $0["row"] as? Int == line }?["errors"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String }
                }
                #expect(errors(2).isEmpty && errors(3) == ["u_position"] && errors(4) == ["rack"] && errors(5) == ["power_draw_w"])
                #expect(errors(6) == ["name"], "the formula-like name is refused")
                #expect(errors(7) == ["name"], "a NUL is refused")
                #expect(errors(8) == ["name"], "a 300-character name is refused by the asset rules, as a row error")
                #expect(try await count("NEW-%") == 0, "all or nothing: nothing written")
                let partial = try await post(mixed, mode: "rows")
                #expect(partial.0 == .ok && partial.1?["created"] as? Int == 1 && partial.1?["refused"] as? Int == 6)
                #expect(try await count("NEW-1") == 1)
                let allocated = try await sql(h, "SELECT (properties ->> 'AllocatedPowerW')::float8 FROM assets WHERE name = 'NEW-1'")
                #expect(allocated.first == 400)
                let valid = """
                    name,rack,u_position,power_draw_w
                    BULK-A,DC1-A01-R03,\(u + 2),250
                    BULK-B,DC1-A01-R03,\(u + 3),250
                    """
                let written = try await post(valid, mode: "all")
                #expect(written.0 == .ok && written.1?["created"] as? Int == 2, "\(String(describing: written.1))")
                #expect(try await sql(h, "SELECT count(*) FROM audit_log WHERE action = 'asset.bulk-create' AND outcome = 'success'").first == 1)
                // The file itself: an unknown column, a missing one, an unclosed quote, each with its place.
                let unknown = try await post("name,rack,u_position,colour\nX,DC1-A01-R03,1,red\n", mode: "all")
                #expect(unknown.0 == .unprocessableContent && (unknown.1?["detail"] as? String)?.contains("column colour") == true)
                let missing = try await post("name,rack\nX,DC1-A01-R03\n", mode: "all")
                #expect((missing.1?["detail"] as? String)?.contains("u_position") == true)
                let quote = try await post("name,rack,u_position\n\"X,DC1-A01-R03,1\n", mode: "all")
                #expect((quote.1?["detail"] as? String)?.contains("line 2") == true, "\(String(describing: quote.1))")
                let outsider = try await client.login("viewerB1").access
                let denied = try await client.execute(uri: "/v1/device-imports?building=\(building)", method: .post,
                                                      headers: [.authorization: "Bearer \(outsider)", .contentType: "text/csv"],
                                                      body: ByteBuffer(string: valid))
                #expect(denied.status == .forbidden || denied.status == .notFound)
            }
        }
    }
}
