import CMongoc
import Logging

/// Process-wide libmongoc initialisation.
///
/// `mongoc_init` must run once before any other libmongoc call. A `static let` with an
/// initialiser is evaluated lazily exactly once, under the runtime's `swift_once`
/// (a `pthread_once` on Linux), so concurrent first uses are safe and there is no mutable
/// global to guard. `mongoc_cleanup` is deliberately never called: it may only run after
/// every pool and client is gone, which a library cannot know; the OS reclaims it at exit.
enum MongocRuntime {
    private static let initialized: Bool = {
        mongoc_init()
        // libmongoc otherwise prints to stderr; route its messages into swift-log so they
        // share the service's format, levels and metadata. The handler captures nothing.
        mongoc_log_set_handler({ level, domain, message, _ in
            let logger = Logger(label: "mongoc")
            let text = message.map { String(cString: $0) } ?? ""
            let metadata: Logger.Metadata = ["mongoc.domain": "\(domain.map { String(cString: $0) } ?? "")"]
            switch level {
            case MONGOC_LOG_LEVEL_ERROR, MONGOC_LOG_LEVEL_CRITICAL: logger.error("\(text)", metadata: metadata)
            case MONGOC_LOG_LEVEL_WARNING: logger.warning("\(text)", metadata: metadata)
            case MONGOC_LOG_LEVEL_MESSAGE, MONGOC_LOG_LEVEL_INFO: logger.info("\(text)", metadata: metadata)
            case MONGOC_LOG_LEVEL_DEBUG: logger.debug("\(text)", metadata: metadata)
            default: logger.trace("\(text)", metadata: metadata)
            }
        }, nil)
        return true
    }()

    /// Call before touching libmongoc; cheap after the first time.
    static func ensureInitialized() {
        _ = initialized
    }
}
