import Logging
import PostgresNIO
import TwinDomain

/// Maps PostgresNIO errors to `RepositoryError` so SQL details never cross the store boundary.
public enum PostgresErrorTranslator {
    public static func translate(_ error: any Error, logger: Logger) -> any Error {
        if error is RepositoryError { return error }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .server:
                let state = psql.serverInfo?[.sqlState] ?? ""
                let rule = psql.serverInfo?[.constraintName] ?? "unnamed"
                switch state {
                case "23505", "23P01": return RepositoryError.conflict(rule: rule)
                case "23503", "23514", "23502": return RepositoryError.constraintViolated(rule: rule)
                case "P0002": return RepositoryError.notFound
                // NUL or an unconvertible character in text: the request's content, not the store, is at fault.
                case "22021", "22P05": return RepositoryError.constraintViolated(rule: "text.unstorable-character")
                default:
                    logger.error("postgresql error", metadata: ["sqlstate": "\(state)", "error": "\(String(reflecting: psql))"])
                    return RepositoryError.failed(store: "postgresql")
                }
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
                 .sslUnsupported, .failedToAddSSLHandler:
                logger.warning("postgresql unavailable", metadata: ["error": "\(String(reflecting: psql))"])
                return RepositoryError.unavailable(store: "postgresql")
            default:
                logger.error("postgresql error", metadata: ["error": "\(String(reflecting: psql))"])
                return RepositoryError.failed(store: "postgresql")
            }
        }
        return error
    }
}
