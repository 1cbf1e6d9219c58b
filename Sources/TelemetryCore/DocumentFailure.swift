/// A problem that stops reading the document (or, for NDJSON, the line).
struct DocumentFailure: Error {
    var offset: Int
    var code: TelemetryDecodeError.Code
    var message: String

    init(_ code: TelemetryDecodeError.Code, at offset: Int, _ message: String) {
        self.offset = offset
        self.code = code
        self.message = message
    }
}
