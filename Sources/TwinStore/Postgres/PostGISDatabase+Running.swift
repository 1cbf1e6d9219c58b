extension PostGISDatabase {
    /// Runs the pool just for the duration of `body`, for one-shot commands (`atrium migrate`,
    /// `atrium user …`) and tests that do not have a ServiceGroup.
    public func whileRunning<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            let client = self.client
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
