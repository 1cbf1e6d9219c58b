import TwinDomain

extension BIMDocumentError {
    /// The store-neutral error services and the API understand.
    public var repositoryError: RepositoryError {
        switch self {
        case .connection, .serverSelection, .timeout, .shutdown:
            return .unavailable(store: "mongodb")
        case .duplicateKey(let index):
            return .conflict(rule: index ?? "unique")
        case .notFound:
            return .notFound
        case .invalidDocument:
            return .constraintViolated(rule: "document")
        case .transaction, .other:
            return .failed(store: "mongodb")
        }
    }
}
