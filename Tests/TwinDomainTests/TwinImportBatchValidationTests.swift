import Foundation
import Testing
import TwinDomain

/// `ImportBatch.validated()`: each rule repairs or drops exactly the offending object and says so.
@Suite struct TwinImportBatchValidationTests {
    static func batch() -> ImportBatch {
        var b = ImportBatch(format: .ifcSTEP, schema: "IFC4", projectKey: "P", site: SiteDraft(key: "S", name: "Site"))
        b.buildings = [BuildingDraft(key: "B", name: "B")]
        b.floors = [FloorDraft(key: "F", buildingKey: "B", name: "F", elevation: 0)]
        b.spaces = [SpaceDraft(key: "SP", floorKey: "F", name: "Hall")]
        b.assets = [
            AssetDraft(key: "R1", kind: .rack, name: "R1", floorKey: "F", rack: RackCapacity(uHeight: 42)),
            AssetDraft(key: "D1", kind: .device, name: "D1", parentKey: "R1", mounting: RackMounting(uPosition: 1, uHeight: 2)),
            AssetDraft(key: "D2", kind: .device, name: "D2", parentKey: "R1", mounting: RackMounting(uPosition: 3, uHeight: 1)),
            AssetDraft(key: "C1", kind: .coolingUnit, name: "CRAC"),
        ]
        b.zones = [ZoneDraft(key: "Z", buildingKey: "B", name: "Z", spaceKeys: ["SP"])]
        b.systems = [SystemDraft(key: "SY", buildingKey: "B", name: "Cooling", assetKeys: ["C1"])]
        return b
    }

    static func codes(_ b: ImportBatch) -> [String] { b.messages.compactMap(\.code) }

    @Test func aConsistentBatchPassesUnchanged() {
        let b = Self.batch()
        let v = b.validated()
        #expect(v.messages.isEmpty)
        #expect(v == b)
    }

    @Test func duplicateKeysKeepTheFirst() {
        var b = Self.batch()
        b.assets.append(AssetDraft(key: "D1", kind: .sensor, name: "dup"))
        b.spaces.append(SpaceDraft(key: "B", floorKey: "F", name: "same key as the building"))
        let v = b.validated()
        #expect(v.assets.filter { $0.key == "D1" }.map(\.kind) == [.device])
        #expect(v.spaces.map(\.key) == ["SP"])
        #expect(Self.codes(v) == [ImportBatch.ValidationCode.duplicateKey, ImportBatch.ValidationCode.duplicateKey])
        #expect(v.messages.allSatisfy { $0.severity == .error })
    }

    @Test func danglingReferencesDropOrUnlink() {
        var b = Self.batch()
        b.floors.append(FloorDraft(key: "F2", buildingKey: "nowhere", name: "orphan floor"))
        b.spaces.append(SpaceDraft(key: "SP2", floorKey: "F2", name: "on the orphan floor"))
        b.zones[0].spaceKeys.append("ghost")
        b.systems[0].assetKeys.append("ghost")
        b.assets[3].typeKey = "no-type"
        b.assets[3].spaceKey = "no-space"
        let v = b.validated()
        #expect(v.floors.map(\.key) == ["F"])
        #expect(v.spaces.map(\.key) == ["SP"], "a dropped floor takes its spaces along")
        #expect(v.zones[0].spaceKeys == ["SP"])
        #expect(v.systems[0].assetKeys == ["C1"])
        #expect(v.assets[3].typeKey == nil && v.assets[3].spaceKey == nil)
        #expect(v.assets.count == 4, "assets are unlinked, never dropped")
        #expect(Set(Self.codes(v)) == [ImportBatch.ValidationCode.danglingReference])
    }

    @Test func devicesHangOnlyInRacks() {
        var b = Self.batch()
        b.assets.append(AssetDraft(key: "D3", kind: .device, name: "on a CRAC", parentKey: "C1", mounting: RackMounting(uPosition: 5, uHeight: 1)))
        b.assets.append(AssetDraft(key: "R2", kind: .rack, name: "rack in a rack", parentKey: "R1"))
        let v = b.validated()
        let d3 = v.assets.first { $0.key == "D3" }
        #expect(d3?.parentKey == nil && d3?.mounting == nil)
        #expect(v.assets.first { $0.key == "R2" }?.parentKey == nil)
        #expect(Self.codes(v).filter { $0 == ImportBatch.ValidationCode.parentNotRack }.count == 2)
    }

    @Test func overlappingAndOversizedMountingsLoseTheirPlace() {
        var b = Self.batch()
        b.assets.append(AssetDraft(key: "D3", kind: .device, name: "overlaps D1", parentKey: "R1", mounting: RackMounting(uPosition: 2, uHeight: 1)))
        b.assets.append(AssetDraft(key: "D4", kind: .device, name: "too high", parentKey: "R1", mounting: RackMounting(uPosition: 41, uHeight: 4)))
        b.assets.append(AssetDraft(key: "D5", kind: .device, name: "U0", parentKey: "R1", mounting: RackMounting(uPosition: 0, uHeight: 1)))
        b.assets.append(AssetDraft(key: "D6", kind: .device, name: "fits", parentKey: "R1", mounting: RackMounting(uPosition: 42, uHeight: 1)))
        let v = b.validated()
        func mounting(_ k: String) -> RackMounting? { v.assets.first { $0.key == k }?.mounting }
        #expect(mounting("D1") == RackMounting(uPosition: 1, uHeight: 2), "the first one keeps its place")
        #expect(mounting("D3") == nil && mounting("D4") == nil && mounting("D5") == nil)
        #expect(mounting("D6") == RackMounting(uPosition: 42, uHeight: 1))
        #expect(v.assets.first { $0.key == "D3" }?.parentKey == "R1", "still in the rack, just not placed")
        #expect(Self.codes(v).sorted() == [ImportBatch.ValidationCode.mountingBeyondRack, ImportBatch.ValidationCode.mountingBeyondRack,
                                           ImportBatch.ValidationCode.mountingOverlap])
    }

    @Test func invalidRacksAndNonFiniteNumbers() {
        var b = Self.batch()
        b.assets[0].rack = RackCapacity(uHeight: 0)
        b.assets[3].position = Point3D(x: .nan, y: 0, z: 0)
        b.assets[3].box = Box3D(min: Point3D(x: 0, y: 0, z: 0), max: Point3D(x: .infinity, y: 1, z: 1))
        b.assets[3].powerDrawW = .infinity
        b.floors[0].elevation = .nan
        b.spaces[0].footprint = Footprint(outer: [Point2D(x: 0, y: 0), Point2D(x: 1, y: 1)])
        b.site.location = GeoLocation(latitude: 123, longitude: 0)
        let v = b.validated()
        #expect(v.assets[0].rack == nil)
        #expect(v.assets[3].position == nil && v.assets[3].box == nil && v.assets[3].powerDrawW == nil)
        #expect(v.floors[0].elevation == nil && v.spaces[0].footprint == nil && v.site.location == nil)
        // Without a known height the devices' U ranges can only be checked against each other.
        #expect(v.assets[1].mounting != nil)
        #expect(Self.codes(v).contains(ImportBatch.ValidationCode.invalidRack))
        #expect(Self.codes(v).filter { $0 == ImportBatch.ValidationCode.nonFinite }.count == 6)
    }
}
