/// An importer's own error type that knows its client-safe form (TwinImport's errors conform).
public protocol ImportFailureConvertible: Error {
    var importFailure: ImportFailure { get }
}
