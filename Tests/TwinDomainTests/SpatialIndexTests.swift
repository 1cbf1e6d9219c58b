import Foundation
import Testing
import TwinDomain

/// The in-memory spatial index: the distances, filters, order and ties of the PostGIS queries
/// it stands in for (the sample-wide comparison against PostgreSQL is in the API tests).
@Suite("Spatial index")
struct SpatialIndexTests {
    static func id(_ n: UInt8) -> UUID {
        UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, n))
    }

    static func box(_ x0: Double, _ y0: Double, _ z0: Double, _ x1: Double, _ y1: Double, _ z1: Double) -> Box3D {
        Box3D(min: Point3D(x: x0, y: y0, z: z0), max: Point3D(x: x1, y: y1, z: z1))
    }

    static func item(_ n: UInt8, _ kind: AssetKind, _ name: String, box: Box3D?, anchor: Point3D? = nil) -> SpatialIndex.Item {
        SpatialIndex.Item(id: id(n), kind: kind, name: name, extent: box, anchor: anchor ?? box?.center)
    }

    /// Two racks side by side, a device inside the first, a sensor point, an asset with no geometry.
    static let hall = SpatialIndex(items: [
        item(5, .rack, "R2", box: box(2, 0, 0, 3, 1, 2)),
        item(1, .rack, "R1", box: box(0, 0, 0, 1, 1, 2)),
        item(3, .device, "D1", box: box(0.1, 0.1, 1, 0.9, 0.9, 1.1)),
        item(4, .sensor, "S1", box: box(1.5, 0.5, 1.05, 1.5, 0.5, 1.05)),
        item(2, .equipment, "no geometry", box: nil),
    ])

    func names(_ hits: [SpatialIndex.Hit]) -> [String] { hits.map { Self.hall.items[$0.item].name } }

    @Test("within a distance: point-to-box distance (0 inside), nearest first, ties by id bytes, radius inclusive")
    func withinDistance() {
        let hits = Self.hall.hits(.withinDistance(point: Point3D(x: 0.5, y: 0.5, z: 1.05), radius: 1.5), kinds: [], limit: 100)
        #expect(names(hits) == ["R1", "D1", "S1", "R2"], "R1 and D1 both hold the point (0): R1's id sorts first")
        #expect(hits.map(\.distance) == [0, 0, 1, 1.5])
        let onlyRacks = Self.hall.hits(.withinDistance(point: Point3D(x: 0.5, y: 0.5, z: 1.05), radius: 1.49), kinds: [.rack], limit: 100)
        #expect(names(onlyRacks) == ["R1"])
        #expect(names(Self.hall.hits(.withinDistance(point: Point3D(x: 0.5, y: 0.5, z: 1), radius: 10), kinds: [], limit: 2))
                == ["R1", "D1"], "the cut keeps the nearest")
        #expect(Self.hall.hits(.withinDistance(point: Point3D(x: 0, y: 0, z: 0), radius: .nan), kinds: [], limit: 5).isEmpty)
        #expect(Self.hall.hits(.withinDistance(point: Point3D(x: .infinity, y: 0, z: 0), radius: 1), kinds: [], limit: 5).isEmpty)
    }

    @Test("in a box: closed overlap, by name in code point order then id, no distance")
    func insideBox() {
        let hits = Self.hall.hits(.insideBox(Self.box(1, 0, 0, 2, 1, 1.05)), kinds: [], limit: 100)
        #expect(names(hits) == ["R1", "R2", "S1"], "touching faces count; code point order")
        #expect(hits.allSatisfy { $0.distance == nil })
        #expect(names(Self.hall.hits(.insideBox(Self.box(1.01, 0, 0, 1.99, 1, 0.5)), kinds: [], limit: 100)).isEmpty)
        let lower = SpatialIndex(items: [Self.item(1, .rack, "b", box: Self.box(0, 0, 0, 1, 1, 1)),
                                         Self.item(2, .rack, "B", box: Self.box(0, 0, 0, 1, 1, 1)),
                                         Self.item(3, .rack, "Ä", box: Self.box(0, 0, 0, 1, 1, 1)),
                                         Self.item(4, .rack, "B", box: Self.box(0, 0, 0, 1, 1, 1))])
        let order = lower.hits(.insideBox(Self.box(0, 0, 0, 1, 1, 1)), kinds: [], limit: 10).map(\.item)
        #expect(order == [1, 3, 0, 2], "B (id 2), B (id 4), b, Ä: bytes of UTF-8, ties by id")
    }

    @Test("nearest: anchor distance, the smaller of the two limits, kinds, ties by id")
    func nearest() {
        let hits = Self.hall.hits(.nearest(point: Point3D(x: 1.5, y: 0.5, z: 1.05), limit: 3), kinds: [.rack, .sensor], limit: 100)
        #expect(names(hits) == ["S1", "R1", "R2"])
        #expect(hits.first?.distance == 0)
        #expect(hits[1].distance == hits[2].distance, "R1 and R2 are equally far: the id decides")
        #expect(Self.hall.hits(.nearest(point: Point3D(x: 0, y: 0, z: 0), limit: 50), kinds: [], limit: 2).count == 2)
        #expect(names(Self.hall.hits(.nearest(point: Point3D(x: 9, y: 9, z: 9), limit: 10), kinds: [.device], limit: 10)) == ["D1"])
        #expect(Self.hall.hits(.nearest(point: Point3D(x: 0, y: 0, z: 0), limit: 10), kinds: [], limit: 100).count == 4,
                "an asset without geometry is never a hit")
    }

    @Test("the include predicate (the caller's scope) filters before the limit")
    func includeBeforeLimit() {
        let hits = Self.hall.hits(.nearest(point: Point3D(x: 0.5, y: 0.5, z: 1), limit: 2), kinds: [], limit: 100) { item in
            Self.hall.items[item].kind != .device
        }
        #expect(names(hits) == ["R1", "S1"])
    }

    @Test("top-k over many items equals a full sort")
    func topKMatchesSort() {
        var generator = SystemRandomNumberGenerator()
        let items = (0..<3_000).map { n -> SpatialIndex.Item in
            let x = Double.random(in: 0..<50, using: &generator).rounded(), y = Double.random(in: 0..<50, using: &generator).rounded()
            return SpatialIndex.Item(id: UUID(), kind: .rack, name: "R\(n % 97)", extent: Self.box(x, y, 0, x + 1, y + 1, 2),
                                     anchor: Point3D(x: x + 0.5, y: y + 0.5, z: 1))
        }
        let index = SpatialIndex(items: items)
        let point = Point3D(x: 25, y: 25, z: 1)
        let hits = index.hits(.nearest(point: point, limit: 40), kinds: [], limit: 1_000)
        let sorted = items.indices.sorted { a, b in
            func d(_ i: Int) -> Double {
                let p = items[i].anchor!
                return ((p.x - point.x) * (p.x - point.x) + (p.y - point.y) * (p.y - point.y) + (p.z - point.z) * (p.z - point.z)).squareRoot()
            }
            return d(a) != d(b) ? d(a) < d(b) : items[a].id.uuidString.lowercased() < items[b].id.uuidString.lowercased()
        }
        #expect(hits.map(\.item) == Array(sorted.prefix(40)))
    }
}
