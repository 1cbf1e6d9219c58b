import Foundation
import Synchronization
import Testing
import TwinDomain
@testable import TwinImport

/// The committed sample data centre (samples/README.md) imported from IFC and from COBie: exact
/// counts, racks with U heights, devices mounted in their racks without overlaps.
@Suite struct TwinImporterSampleTests {
    static let samples = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    /// Collects what the importer streams, checking the chunk bound on the way.
    actor DocumentSink {
        var documents: [EntityDocumentDraft] = []
        var chunks = 0
        var largestChunk = 0

        func add(_ chunk: [EntityDocumentDraft]) {
            documents += chunk
            chunks += 1
            largestChunk = max(largestChunk, chunk.count)
        }
    }

    static func run(_ file: String, format: ImportFormat, geometry: Bool = true, chunkSize: Int = 1000)
        async throws -> (ImportBatch, DocumentSink)
    {
        let url = samples.appendingPathComponent(file)
        #expect(try ImportSniffer.sniff(fileAt: url) == format)
        let sink = DocumentSink()
        let importer = TwinImporter(chunkSize: chunkSize, extractGeometry: geometry)
        let batch = try await importer.importFile(at: url, format: format, rules: .default, progress: { _, _ in }) { chunk in
            await sink.add(chunk)
        }
        return (batch, sink)
    }

    static func expectDataCentre(_ batch: ImportBatch) {
        let kinds = Dictionary(grouping: batch.assets, by: \.kind).mapValues(\.count)
        #expect(kinds[.rack] == 64)
        #expect(kinds[.device] == 734)
        #expect(kinds[.coolingUnit] == 8)
        #expect(kinds[.powerUnit] == 18)
        #expect(kinds[.sensor] == 72)
        #expect(kinds[.equipment] == nil)
        #expect(batch.assets.count == 64 + 734 + 8 + 18 + 72, "nothing else in the sample becomes an asset: \(kinds)")
        #expect(batch.floors.count == 2)
        #expect(batch.buildings.count == 1)
        #expect(batch.spaces.count == 18)
        #expect(batch.systems.count == 4)

        let racks = Dictionary(uniqueKeysWithValues: batch.assets.filter { $0.kind == .rack }.map { ($0.key, $0) })
        #expect(racks.values.allSatisfy { $0.rack?.uHeight == 42 && $0.rack?.powerBudgetW != nil })
        let devices = batch.assets.filter { $0.kind == .device }
        #expect(devices.allSatisfy { $0.parentKey.map { racks[$0] != nil } == true }, "every device sits in a rack")
        #expect(devices.allSatisfy { $0.mounting != nil && $0.powerDrawW != nil && $0.weightKg != nil })
        for (rackKey, mounted) in Dictionary(grouping: devices, by: { $0.parentKey ?? "" }) {
            let height = racks[rackKey]?.rack?.uHeight ?? 0
            let mountings = mounted.compactMap(\.mounting).sorted { $0.uPosition < $1.uPosition }
            #expect(mountings.allSatisfy { $0.fits(rackUnits: height) }, "\(rackKey)")
            #expect(zip(mountings, mountings.dropFirst()).allSatisfy { !$0.overlaps($1) }, "\(rackKey): overlapping devices")
        }
        #expect(batch.validated().messages.filter { $0.severity == .error }.isEmpty)
    }

    @Test func ifcSampleImportsTheWholeDataCentre() async throws {
        let (batch, sink) = try await Self.run("atrium-dc.ifc", format: .ifcSTEP)
        Self.expectDataCentre(batch)
        #expect(batch.zones.count == 4)
        #expect(batch.zones.allSatisfy { !$0.spaceKeys.isEmpty })
        #expect(batch.schema == "IFC4")
        let site = batch.site
        #expect(site.name == "Frankfurt West Campus")
        #expect(abs((site.location?.latitude ?? 0) - 50.0992) < 0.001)
        #expect(abs((site.location?.longitude ?? 0) - 8.6303) < 0.001)
        #expect(batch.floors.map(\.elevation).compactMap { $0 }.sorted() == [0.0, 4.5])
        // Racks and devices have positions and boxes; halls have outlines and areas.
        #expect(batch.assets.allSatisfy { $0.position != nil })
        #expect(batch.assets.filter { $0.kind == .rack }.allSatisfy { $0.box != nil && $0.spaceKey != nil })
        let hall = try #require(batch.spaces.first { $0.name == "DC1-DH-A" })
        #expect(hall.footprint?.isValid == true)
        #expect(abs((hall.area ?? 0) - 279) < 1)
        // Systems: UPS + PDUs per power system, CRACs per cooling system.
        let power = try #require(batch.systems.first { $0.name == "Critical power A" })
        #expect(power.assetKeys.count == 9)
        // Documents: one per product, type, spatial element and group; fingerprints match them.
        let documents = await sink.documents
        #expect(documents.count == batch.fingerprints.count)
        #expect(Set(documents.map(\.globalID)).count == documents.count)
        #expect(await sink.largestChunk <= 1000)
        let rack = try #require(batch.assets.first { $0.kind == .rack })
        let rackDocument = try #require(documents.first { $0.globalID == rack.key })
        #expect(rackDocument.ifcType == "IfcFurniture")
        #expect(rackDocument.attributes["ObjectType"] == .string("Server Rack"))
        #expect(rackDocument.propertySets["Atrium_Rack"]?["UHeight"] == .object(["value": .int(42), "type": .string("IfcInteger")]))
        #expect(rackDocument.relations["container"] != nil && rackDocument.relations["type"] != nil)
        let rackTypeDocument = try #require(documents.first { $0.globalID == rack.typeKey })
        #expect(rackTypeDocument.classifications.contains(.object(["system": .string("OmniClass"), "code": .string("23-33 15 11"),
                                                                    "name": .string("Equipment Racks")])))
        let server = try #require(batch.assets.first { $0.kind == .device && $0.mounting?.uPosition == 1 })
        let serverDocument = try #require(documents.first { $0.globalID == server.key })
        if case .object(let parent)? = serverDocument.relations["parent"] {
            #expect(parent["ref"] == .string(server.parentKey ?? ""))
        } else {
            Issue.record("device document has no parent relation")
        }
        if case .object(let power)? = serverDocument.propertySets["Atrium_Device"]?["PowerDrawW"] {
            #expect(power["unit"] == .string("W"))
        }
    }

    @Test func reimportGivesIdenticalFingerprints() async throws {
        let (a, sink) = try await Self.run("atrium-dc.ifc", format: .ifcSTEP, geometry: false, chunkSize: 333)
        let (b, _) = try await Self.run("atrium-dc.ifc", format: .ifcSTEP, geometry: false)
        #expect(a.fingerprints == b.fingerprints)
        let diff = ModelDiff.between(modelID: UUID(), from: (1, a.fingerprints), to: (2, b.fingerprints))
        #expect(diff.summary == ["added": 0, "removed": 0, "changed": 0])
        #expect(await sink.chunks == (a.fingerprints.count + 332) / 333)
        #expect(await sink.largestChunk == 333)
    }

    @Test func modifiedModelDiffsOnlyWhatChanged() async throws {
        let (before, _) = try await Self.run("atrium-dc.ifc", format: .ifcSTEP)
        var text = try String(contentsOf: Self.samples.appendingPathComponent("atrium-dc.ifc"), encoding: .utf8)
        // One rack's power budget, one room's long name.
        text = text.replacingOccurrences(of: "#787=IFCPROPERTYSINGLEVALUE('MaxPowerW',$,IFCPOWERMEASURE(12000.),$);",
                                         with: "#787=IFCPROPERTYSINGLEVALUE('MaxPowerW',$,IFCPOWERMEASURE(15000.),$);")
        text = text.replacingOccurrences(of: "'Network Operations Centre'", with: "'Operations Centre'")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-dc-modified-\(UUID().uuidString).ifc")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let after = try await TwinImporter().importFile(at: url, format: .ifcSTEP, rules: .default, progress: { _, _ in }) { _ in }
        let diff = ModelDiff.between(modelID: UUID(), from: (1, before.fingerprints), to: (2, after.fingerprints))
        #expect(diff.added.isEmpty && diff.removed.isEmpty)
        #expect(diff.changed.map(\.aspects) == [[.propertySets], [.attributes]] || diff.changed.map(\.aspects) == [[.attributes], [.propertySets]])
        #expect(Set(diff.changed.map(\.entityType)) == ["IfcFurniture", "IfcSpace"])
        #expect(after.assets.first { $0.key == diff.changed.first { $0.entityType == "IfcFurniture" }?.matchKey }?.rack?.powerBudgetW == 15000)
    }

    @Test func rackTagPlacesADeviceThatIsNotAggregated() async throws {
        var lines = try String(contentsOf: Self.samples.appendingPathComponent("atrium-dc.ifc"), encoding: .utf8)
            .components(separatedBy: "\n")
        // Take DC1-A01-R01-U01 (#800) out of its rack's IfcRelAggregates and name the rack in Atrium_Device.RackTag.
        let aggregate = try #require(lines.firstIndex { $0.contains("=IFCRELAGGREGATES(") && $0.contains(",#780,(#800,") })
        lines[aggregate] = lines[aggregate].replacingOccurrences(of: ",#780,(#800,", with: ",#780,(")
        let pset = try #require(lines.firstIndex { line in
            ["#804=", "#811="].contains { line.hasPrefix($0) } && line.contains("'Atrium_Device'")
        })
        lines[pset] = lines[pset].replacingOccurrences(of: "));", with: ",#99990));")
        lines.insert("#99990=IFCPROPERTYSINGLEVALUE('RackTag',$,IFCIDENTIFIER('DC1-A01-R01'),$);", at: pset)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-dc-racktag-\(UUID().uuidString).ifc")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let batch = try await TwinImporter(extractGeometry: false).importFile(
            at: url, format: .ifcSTEP, rules: .default, progress: { _, _ in }) { _ in }
        let rack = try #require(batch.assets.first { $0.name == "DC1-A01-R01" })
        let device = try #require(batch.assets.first { $0.name == "DC1-A01-R01-U01" })
        #expect(device.parentKey == rack.key)
        #expect(device.spaceKey == rack.spaceKey && device.spaceKey != nil, "placed where its rack is")
        #expect(device.mounting == RackMounting(uPosition: 1, uHeight: 1))
        #expect(batch.assets.filter { $0.kind == .device && $0.parentKey != nil }.count == 734)
    }

    @Test func progressRunsThroughThePhasesToTheEnd() async throws {
        let seen = Mutex<[(ImportPhase, Int)]>([])
        let url = Self.samples.appendingPathComponent("atrium-dc.ifc")
        _ = try await TwinImporter(chunkSize: 100).importFile(at: url, format: .ifcSTEP, rules: .default,
                                                              progress: { phase, percent in seen.withLock { $0.append((phase, percent)) } }) { _ in }
        let steps = seen.withLock { $0 }
        #expect(steps.first?.0 == .parsing && steps.first?.1 == 0)
        #expect(steps.last?.0 == .documents && steps.last?.1 == 100)
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.1 <= $1.1 }, "percent never goes back")
        #expect(Set(steps.map(\.0)) == [.parsing, .geometry, .classifying, .documents])
    }

    @Test func cobieSampleImportsTheSameFacility() async throws {
        let (batch, sink) = try await Self.run("atrium-dc-cobie.xlsx", format: .cobieXLSX)
        Self.expectDataCentre(batch)
        #expect(batch.schema == "COBie 2.4")
        // Zone rows are one per (zone, space): grouped back into zones.
        #expect(batch.zones.count == 4)
        #expect(batch.zones.allSatisfy { !$0.spaceKeys.isEmpty })
        // COBie rows carry the IFC GlobalIds (ExtIdentifier), so keys match the IFC import's.
        let (ifc, _) = try await Self.run("atrium-dc.ifc", format: .ifcSTEP, geometry: false)
        #expect(Set(batch.assets.map(\.key)) == Set(ifc.assets.map(\.key)))
        #expect(Set(batch.spaces.map(\.key)) == Set(ifc.spaces.map(\.key)))
        let component = try #require(batch.assets.first { $0.kind == .device })
        #expect(component.tag != nil && component.serialNumber != nil && component.installedOn != nil)
        #expect(component.warrantyEndsOn != nil)
        #expect(batch.types.count == 10)
        let documents = await sink.documents
        #expect(documents.count == batch.fingerprints.count)
        #expect(Set(documents.map(\.globalID)).count == documents.count)
        let rackDocument = try #require(documents.first { $0.ifcType == "COBie.Component" && $0.name == "DC1-A01-R01" })
        #expect(rackDocument.propertySets["Atrium_Rack"]?["UHeight"] == .object(["value": .int(42), "unit": .string("U")]))
        #expect(documents.contains { $0.ifcType == "COBie.Zone" })
    }
}
