import ServiceLifecycle

/// Lets the `atrium` executable put the pool in its `ServiceGroup`: the pool lives until
/// graceful shutdown is requested, then drains running operations and destroys itself.
extension MongoClientPool: Service {
    public func run() async throws {
        // Returns on graceful shutdown; throws only on cancellation, which means the same here.
        try? await gracefulShutdown()
        await shutdown()
    }
}
