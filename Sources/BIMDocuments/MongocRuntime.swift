import CMongoc

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
        return true
    }()

    /// Call before touching libmongoc; cheap after the first time.
    static func ensureInitialized() {
        _ = initialized
    }
}
