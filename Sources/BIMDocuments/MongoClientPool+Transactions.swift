import CMongoc

extension MongoClientPool {
    /// Runs `body` in a multi-document transaction and commits it.
    ///
    /// If `body` throws, the transaction is aborted and the error is rethrown unchanged.
    /// When the server labels a failure `TransientTransactionError` (a write conflict, a
    /// failover) the whole transaction is retried, up to `maxAttempts` and `timeLimit`;
    /// a commit labelled `UnknownTransactionCommitResult` is retried on its own, as the
    /// transactions specification prescribes. The session's client stays checked out for
    /// the duration, so keep transactions short.
    public func withTransaction<T: Sendable>(
        maxAttempts: Int = 5,
        timeLimit: Duration = .seconds(60),
        _ body: (MongoSession) async throws -> T
    ) async throws -> T {
        let session = try await startSession()
        do {
            let result = try await runTransaction(session, maxAttempts: max(1, maxAttempts), timeLimit: timeLimit, body)
            await endSession(session)
            return result
        } catch {
            await endSession(session)
            throw error
        }
    }

    private func runTransaction<T: Sendable>(
        _ session: MongoSession, maxAttempts: Int, timeLimit: Duration, _ body: (MongoSession) async throws -> T
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeLimit
        let logger = self.logger
        for attempt in 1...maxAttempts {
            _ = session.takeLabels()
            try await session.control { pointer in
                var error = bson_error_t()
                guard mongoc_client_session_start_transaction(pointer, nil, &error) else {
                    throw MongoErrorTranslator.translate(error, operation: "startTransaction", logger: logger)
                }
            }
            let result: T
            do {
                result = try await body(session)
            } catch {
                await abort(session)
                let transient = session.takeLabels().contains("TransientTransactionError")
                if transient && attempt < maxAttempts && ContinuousClock.now < deadline {
                    logger.info("retrying transaction after transient error", metadata: ["attempt": "\(attempt)"])
                    try await Self.backOff(attempt)
                    continue
                }
                if transient { throw BIMDocumentError.transaction(.retriesExhausted) }
                throw error
            }
            switch try await commit(session, deadline: deadline) {
            case .committed:
                return result
            case .retryTransaction where attempt < maxAttempts && ContinuousClock.now < deadline:
                logger.info("retrying transaction after transient commit error", metadata: ["attempt": "\(attempt)"])
                try await Self.backOff(attempt)
                continue
            case .retryTransaction:
                throw BIMDocumentError.transaction(.retriesExhausted)
            }
        }
        throw BIMDocumentError.transaction(.retriesExhausted)
    }

    /// Waits before retrying a conflicting transaction: the competitor usually holds its
    /// locks for a while, so an immediate retry just conflicts again. Exponential with jitter.
    private static func backOff(_ attempt: Int) async throws {
        let ceiling = min(10 << min(attempt, 6), 500)
        try await Task.sleep(for: .milliseconds(Int.random(in: ceiling / 2...ceiling)))
    }

    private enum CommitOutcome: Sendable {
        case committed
        case retryTransaction
    }

    private func commit(_ session: MongoSession, deadline: ContinuousClock.Instant) async throws -> CommitOutcome {
        let logger = self.logger
        var commitAttempts = 0
        while true {
            commitAttempts += 1
            let (ok, labels, failure): (Bool, [String], BIMDocumentError?) = try await session.control { pointer in
                let reply = BSONReplyStorage()
                var error = bson_error_t()
                if mongoc_client_session_commit_transaction(pointer, reply.pointer, &error) {
                    return (true, [], nil)
                }
                let replyDocument = reply.document()
                let labels = replyDocument?["errorLabels"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let translated = MongoErrorTranslator.translate(error, reply: replyDocument, operation: "commitTransaction", logger: logger)
                return (false, labels, translated)
            }
            if ok { return .committed }
            if labels.contains("UnknownTransactionCommitResult") {
                guard commitAttempts < 3, ContinuousClock.now < deadline else { throw BIMDocumentError.transaction(.commitUnknown) }
                continue
            }
            if labels.contains("TransientTransactionError") {
                await abort(session)
                return .retryTransaction
            }
            throw failure ?? BIMDocumentError.transaction(.aborted)
        }
    }

    /// Aborts if a transaction is open; errors are logged, not thrown (the abort is best-effort).
    private func abort(_ session: MongoSession) async {
        let logger = self.logger
        _ = try? await session.control { pointer in
            guard mongoc_client_session_in_transaction(pointer) else { return }
            var error = bson_error_t()
            if !mongoc_client_session_abort_transaction(pointer, &error) {
                _ = MongoErrorTranslator.translate(error, operation: "abortTransaction", logger: logger)
            }
        }
    }

    /// Checks out a client and starts a session on it.
    func startSession() async throws -> MongoSession {
        let client = try await checkOut("startSession")
        let logger = self.logger
        do {
            let sessionPointer = try await withHeldClient(client) { clientPointer -> MongoSessionPointer in
                var error = bson_error_t()
                guard let session = mongoc_client_start_session(clientPointer, nil, &error) else {
                    throw MongoErrorTranslator.translate(error, operation: "startSession", logger: logger)
                }
                return MongoSessionPointer(pointer: session)
            }
            return MongoSession(pool: self, client: client, pointer: sessionPointer.pointer)
        } catch {
            await checkIn(client)
            throw error
        }
    }

    /// Ends the session and returns its client to the pool.
    func endSession(_ session: MongoSession) async {
        _ = try? await session.control { pointer in
            mongoc_client_session_destroy(pointer)
        }
        await checkIn(session.client)
    }
}
