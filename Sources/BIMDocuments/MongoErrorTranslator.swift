import CMongoc
import Logging

/// Turns libmongoc failures into `BIMDocumentError`, logging the raw details.
///
/// This is the only place that sees the server's and driver's message text; it logs it
/// with the operation name so operators can diagnose, and returns a case that is safe to
/// show to API clients.
enum MongoErrorTranslator {
    static func translate(
        _ error: bson_error_t, reply: BSONDocument? = nil, operation: String, logger: Logger
    ) -> BIMDocumentError {
        let domain = Int(error.domain)
        let code = Int(error.code)
        let message = error.text
        let translated = classify(domain: domain, code: code, message: message, reply: reply)
        // Duplicates and missing files are ordinary outcomes callers handle; keep them out of warnings.
        let level: Logger.Level
        switch translated {
        case .duplicateKey, .notFound: level = .debug
        default: level = .warning
        }
        logger.log(
            level: level,
            "mongodb operation failed",
            metadata: [
                "mongodb.operation": "\(operation)",
                "mongodb.error.domain": "\(domain)",
                "mongodb.error.code": "\(code)",
                "mongodb.error.message": "\(message)",
                "atrium.error": "\(translated)",
            ]
        )
        return translated
    }

    // swiftlint:disable:next cyclomatic_complexity
    static func classify(domain: Int, code: Int, message: String, reply: BSONDocument?) -> BIMDocumentError {
        let duplicateKeyCodes: Set<Int> = [11000, 11001, 12582]
        if duplicateKeyCodes.contains(code) || writeErrorCodes(reply).contains(where: duplicateKeyCodes.contains) {
            return .duplicateKey(index: indexName(in: message) ?? writeErrorMessages(reply).lazy.compactMap(indexName).first)
        }
        switch UInt32(domain) {
        case MONGOC_ERROR_SERVER_SELECTION.rawValue:
            return .serverSelection
        case MONGOC_ERROR_STREAM.rawValue:
            return message.lowercased().contains("timed out") || message.lowercased().contains("timeout") ? .timeout : .connection
        case MONGOC_ERROR_SASL.rawValue, MONGOC_ERROR_SCRAM.rawValue:
            return .connection
        case MONGOC_ERROR_CLIENT.rawValue where UInt32(code) == MONGOC_ERROR_CLIENT_AUTHENTICATE.rawValue:
            return .connection
        case MONGOC_ERROR_BSON.rawValue:
            return .invalidDocument(field: "(document)")
        case MONGOC_ERROR_GRIDFS.rawValue where UInt32(code) == MONGOC_ERROR_GRIDFS_BUCKET_FILE_NOT_FOUND.rawValue:
            return .notFound
        case MONGOC_ERROR_GRIDFS.rawValue where UInt32(code) == MONGOC_ERROR_GRIDFS_CHUNK_MISSING.rawValue:
            return .notFound
        default:
            break
        }
        // Server codes: MaxTimeMSExpired, ExceededTimeLimit, NetworkTimeout.
        if [50, 262, 89].contains(code) { return .timeout }
        // NoSuchTransaction / TransactionAborted-like codes.
        if [251, 256, 263].contains(code) { return .transaction(.aborted) }
        return .other(code: code, domain: domain, message: "document store operation failed")
    }

    /// Pulls `index: <name>` out of a duplicate-key message, the only part of it we expose.
    static func indexName(in message: String) -> String? {
        guard let range = message.range(of: "index: ") else { return nil }
        let name = message[range.upperBound...].prefix(while: { !$0.isWhitespace })
        return name.isEmpty ? nil : String(name)
    }

    private static func writeErrors(_ reply: BSONDocument?) -> [BSONDocument] {
        reply?["writeErrors"]?.arrayValue?.compactMap(\.documentValue) ?? []
    }

    private static func writeErrorCodes(_ reply: BSONDocument?) -> [Int] {
        writeErrors(reply).compactMap { $0["code"]?.int64Value.map(Int.init) }
    }

    private static func writeErrorMessages(_ reply: BSONDocument?) -> [String] {
        writeErrors(reply).compactMap { $0["errmsg"]?.stringValue }
    }
}
