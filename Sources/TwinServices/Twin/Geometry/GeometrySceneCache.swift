import Foundation
import IFCGeometry
import TwinDomain

/// The last few tessellated model versions, so on-demand tiles for many spaces or assets of one
/// model parse and tessellate the original once, not once per request.
actor GeometrySceneCache {
    private var scenes: [ModelVersionKey: Task<IFCGeometryResult, any Error>] = [:]
    private var order: [ModelVersionKey] = []
    private let capacity: Int

    init(capacity: Int = 2) {
        self.capacity = max(1, capacity)
    }

    /// The scene of `key`, built by `make` once even when requested concurrently.
    func scene(_ key: ModelVersionKey, make: @escaping @Sendable () async throws -> IFCGeometryResult) async throws -> IFCGeometryResult {
        if let task = scenes[key] {
            order.removeAll { $0 == key }
            order.append(key)
            return try await task.value
        }
        let task = Task { try await make() }
        scenes[key] = task
        order.append(key)
        while order.count > capacity {
            scenes[order.removeFirst()] = nil
        }
        do {
            return try await task.value
        } catch {
            // A failed build is not cached.
            scenes[key] = nil
            order.removeAll { $0 == key }
            throw error
        }
    }
}
