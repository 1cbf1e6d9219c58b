/// Why an import was refused or failed, in words safe to show the uploader.
///
/// `code` is stable (clients branch on it); the message never carries driver or file-system
/// details (those go to the log).
public struct ImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// `line 12, column 4` or `Component!C7`, when the problem has a place in the file.
    public var location: String?

    public init(code: String, message: String, location: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        location.map { "\(code): \(message) (\($0))" } ?? "\(code): \(message)"
    }

    public static func tooLarge(limit: Int64) -> ImportFailure {
        ImportFailure(code: "import.too-large", message: "The upload exceeds the limit of \(limit) bytes.")
    }

    public static let queueFull = ImportFailure(
        code: "import.queue-full", message: "Too many imports are waiting; retry in a minute.")

    public static func quotaExceeded(quota: Int64) -> ImportFailure {
        ImportFailure(code: "import.quota-exceeded",
                      message: "Your waiting imports would exceed your staging quota of \(quota) bytes; retry when they have run.")
    }

    public static let empty = ImportFailure(code: "import.empty", message: "The upload is empty.")
    public static let interrupted = ImportFailure(
        code: "import.interrupted", message: "The import was interrupted (the server stopped); upload the file again.")
    public static let modelNotFound = ImportFailure(code: "import.model-not-found", message: "The target model does not exist.")
    public static let siteNotFound = ImportFailure(code: "import.site-not-found", message: "The target site does not exist.")
    public static let modelSiteMismatch = ImportFailure(
        code: "import.model-site-mismatch", message: "The target model belongs to another site.")
    /// Another process (a second server, `atrium import`) committed a version of the same model
    /// while this import ran, under the version number this one had reserved for its documents.
    public static let superseded = ImportFailure(
        code: "import.superseded",
        message: "Another import of this model committed a new version first; nothing of this one was kept. Import the file again to make it the next version.")
    public static let internalError = ImportFailure(
        code: "import.internal", message: "The import failed because of a server error; nothing was stored.")
}
