/// A translated error plus the server's error labels; unwrapped by `MongoSession`.
struct MongoLabeledError: Error {
    let error: BIMDocumentError
    let labels: [String]
}
