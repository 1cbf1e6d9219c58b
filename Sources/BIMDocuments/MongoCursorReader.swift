import CMongoc
import Logging

/// Reads documents off a `mongoc_cursor_t` and destroys it.
enum MongoCursorReader {
    /// Calls `body` for each document; stops early when it returns false.
    static func consume(
        _ cursor: OpaquePointer, operation: String, logger: Logger, session: OpaquePointer?,
        _ body: (BSONDocument) throws -> Bool
    ) throws {
        defer { mongoc_cursor_destroy(cursor) }
        var current: OpaquePointer?
        while mongoc_cursor_next(cursor, &current) {
            guard let current else { break }
            guard try body(try BSONReader.document(from: current)) else { return }
        }
        var error = bson_error_t()
        var replyPointer: OpaquePointer?
        if mongoc_cursor_error_document(cursor, &error, &replyPointer) {
            let reply = replyPointer.flatMap { try? BSONReader.document(from: $0) }
            throw MongoOperationRunner.failure(error, reply: reply, operation: operation, logger: logger, session: session)
        }
    }

    /// All documents, up to `limit` when given.
    static func all(
        _ cursor: OpaquePointer, limit: Int? = nil, operation: String, logger: Logger, session: OpaquePointer?
    ) throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        try consume(cursor, operation: operation, logger: logger, session: session) { document in
            documents.append(document)
            if let limit, documents.count >= limit { return false }
            return true
        }
        return documents
    }
}
