import Foundation

/// Parallel tessellation: products are independent, so a task group over
/// contiguous chunks (one per core) uses every core without per-product task
/// overhead. Results keep the input order.
extension Tessellator {
    public func meshes(for products: [[GeometryItem]], concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) async -> [Output] {
        let n = products.count
        guard n > 1, concurrency > 1 else { return products.map { mesh(for: $0) } }
        let chunks = min(concurrency, n)
        let size = (n + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [Output]).self) { group in
            for c in 0..<chunks {
                let range = (c * size)..<min(n, (c + 1) * size)
                if range.isEmpty { continue }
                let slice = Array(products[range])
                group.addTask { (range.lowerBound, slice.map { self.mesh(for: $0) }) }
            }
            var parts: [(Int, [Output])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
