extension HealthProbe {
    /// Runs `operation` but gives up after `timeout`, so a hung dependency cannot stall readiness.
    public static func withTimeout<T: Sendable>(
        _ timeout: Duration,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw HealthProbeError.timedOut(timeout)
            }
            return value
        }
    }
}
