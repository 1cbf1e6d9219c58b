// Times PolygonTriangulator on generated polygons, best of N, wall and CPU.
//   bench-triangulation [--sizes 2000,20000,100000] [--shapes star,terrain,...] [--repeat 5]
// The shapes come from Tests/IFCGeometryTests/BigPolygons.swift (symlinked), so the
// benchmark times exactly what the scale tests check for validity.
import Foundation
import IFCGeometry

/// Same generator as the tests' (deterministic, seedable).
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

func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// Shapes by name: n is the number of outer-ring vertices.
let shapes: [(name: String, make: (Int) -> Polygon2D)] = [
    ("star", { BigPolygons.star($0, holes: 50) }),
    ("terrain", { BigPolygons.terrain($0, holes: 50) }),
    ("terrain-holes", { BigPolygons.terrain($0, holes: max(4, $0 / 50), holeSides: 12) }),
    ("comb", { BigPolygons.comb(teeth: $0 / 5) }),
    ("straight-runs", { BigPolygons.straightRuns(perSide: $0 / 4, holes: 50) }),
    ("random-ring", { n in
        var rng = SplitMix(seed: 1)
        return Polygon2D(outer: (0..<n).map { _ in Vec2(Double(rng.next() % 100_000) / 100, Double(rng.next() % 100_000) / 100) })
    }),
]

var sizes = [2_000, 20_000, 100_000]
var selected = shapes.map(\.name)
var repeats = 5
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--sizes": sizes = (args.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--shapes": selected = (args.popFirst() ?? "").split(separator: ",").map(String.init)
    case "--repeat": repeats = max(1, Int(args.popFirst() ?? "") ?? 5)
    default:
        print("usage: bench-triangulation [--sizes 2000,20000,100000] [--shapes \(shapes.map(\.name).joined(separator: ","))] [--repeat N]")
        exit(2)
    }
}

let triangulator = PolygonTriangulator()
print("shape | outer n | holes | points | triangles | best wall s | best cpu s | diagnostics")
for shape in shapes where selected.contains(shape.name) {
    for n in sizes {
        let polygon = shape.make(n)
        let points = polygon.outer.count + polygon.holes.reduce(0) { $0 + $1.count }
        var bestWall = Double.infinity, bestCPU = Double.infinity
        var result = triangulator.triangulate(polygon)  // warm-up
        for _ in 0..<repeats {
            let c0 = cpuSeconds()
            let w0 = DispatchTime.now().uptimeNanoseconds
            result = triangulator.triangulate(polygon)
            let w1 = DispatchTime.now().uptimeNanoseconds
            bestCPU = min(bestCPU, cpuSeconds() - c0)
            bestWall = min(bestWall, Double(w1 - w0) / 1e9)
        }
        let codes = Set(result.diagnostics.map(\.code)).sorted().joined(separator: ",")
        print([shape.name, "\(n)", "\(polygon.holes.count)", "\(points)", "\(result.triangles.count / 3)",
               String(format: "%.4f", bestWall), String(format: "%.4f", bestCPU), codes.isEmpty ? "-" : codes]
            .joined(separator: " | "))
    }
}
