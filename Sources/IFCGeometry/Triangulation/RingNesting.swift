/// Groups unordered rings into outer boundaries with their holes by containment
/// depth (even depth = boundary, odd = hole), as needed for cut caps where loop
/// orientation is not known.
enum RingNesting {
    struct Group {
        var outer: Int
        var holes: [Int]
    }

    static func contains(_ ring: [Vec2], _ p: Vec2) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
                if p.x < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    static func group(_ rings: [[Vec2]]) -> [Group] {
        let n = rings.count
        // A ring's representative point: midpoint of its first edge avoids shared vertices.
        let probes = rings.map { r in r.count >= 2 ? (r[0] + r[1]) * 0.5 : (r.first ?? .zero) }
        var parents = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for j in 0..<n where i != j && contains(rings[j], probes[i]) { parents[i].append(j) }
        }
        var groups: [Int: Group] = [:]
        var order: [Int] = []
        for i in 0..<n where parents[i].count % 2 == 0 {
            groups[i] = Group(outer: i, holes: [])
            order.append(i)
        }
        for i in 0..<n where parents[i].count % 2 == 1 {
            // Direct parent: the containing ring with the most ancestors itself.
            if let parent = parents[i].max(by: { parents[$0].count < parents[$1].count }), groups[parent] != nil {
                groups[parent]!.holes.append(i)
            }
        }
        return order.compactMap { groups[$0] }
    }
}
