import CMongoc
import Logging

/// Routes one blocking operation either to a pooled client or to a session's own client.
///
/// Operations inside a transaction must use the client the session was started on, so
/// every handle goes through here instead of choosing by itself.
struct MongoOperationRunner: Sendable {
    let pool: MongoClientPool
    let session: MongoSession?

    /// Runs `body(client, session)` on the blocking threads.
    func run<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (OpaquePointer, OpaquePointer?) throws -> T
    ) async throws -> T {
        if let session {
            guard session.pool === pool else { throw BIMDocumentError.other(code: 0, domain: 0, message: "session belongs to another pool") }
            return try await session.perform(body)
        }
        return try await pool.withClient(operation) { client in try body(client, nil) }
    }

    /// Builds an options document, adding the session id when there is a session.
    static func options(_ document: BSONDocument, session: OpaquePointer?) throws -> OwnedBSON {
        let opts = try OwnedBSON(document)
        if let session {
            var error = bson_error_t()
            guard mongoc_client_session_append(session, opts.pointer, &error) else {
                throw BIMDocumentError.other(code: Int(error.code), domain: Int(error.domain), message: "cannot attach session")
            }
        }
        return opts
    }

    /// Translates a failure; inside a session it also carries the reply's error labels so the
    /// transaction loop can tell a transient conflict (retry) from a real failure.
    static func failure(
        _ error: bson_error_t, reply: BSONDocument?, operation: String, logger: Logger, session: OpaquePointer?
    ) -> any Error {
        let translated = MongoErrorTranslator.translate(error, reply: reply, operation: operation, logger: logger)
        guard session != nil else { return translated }
        let labels = reply?["errorLabels"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return MongoLabeledError(error: translated, labels: labels)
    }
}
