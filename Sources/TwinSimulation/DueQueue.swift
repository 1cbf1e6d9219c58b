/// A binary min-heap of (due time, point): the next reading to hand out is always at the top,
/// so a step costs O(readings due × log points), not a scan of every point.
struct DueQueue: Sendable {
    struct Entry: Sendable {
        var due: Double
        var point: Int
    }

    private var heap: [Entry] = []

    var peek: Entry? { heap.first }
    var count: Int { heap.count }

    mutating func push(due: Double, point: Int) {
        heap.append(Entry(due: due, point: point))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// Ties broken by point index, so the order of readings is the same on every run.
    static func before(_ a: Entry, _ b: Entry) -> Bool { a.due < b.due || (a.due == b.due && a.point < b.point) }
}
