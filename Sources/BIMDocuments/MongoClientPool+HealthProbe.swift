import TwinDomain

/// Lets `/health/ready` ask the document store for a round trip without the API importing it.
extension MongoClientPool: HealthProbe {
    public var name: String { "mongodb" }

    public func probe(timeout: Duration) async throws {
        do {
            try await ping(timeout: timeout)
        } catch {
            throw HealthProbeError.unreachable
        }
    }
}
