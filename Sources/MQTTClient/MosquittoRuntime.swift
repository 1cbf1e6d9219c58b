import CMosquitto

/// Process-wide libmosquitto initialisation.
///
/// `mosquitto_lib_init` is not thread-safe and must precede every other call. A `static let`
/// with an initialiser runs exactly once under the runtime's `swift_once`, so concurrent first
/// uses are safe without a mutable global. `mosquitto_lib_cleanup` is never called: a library
/// cannot know when the last client is gone; the OS reclaims it at exit.
enum MosquittoRuntime {
    private static let initialized: Bool = {
        mosquitto_lib_init()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
