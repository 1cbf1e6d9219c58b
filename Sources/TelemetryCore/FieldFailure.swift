/// Why one field of one item was refused; becomes an item error once its position is known.
struct FieldFailure: Error {
    var code: TelemetryDecodeError.Code
    var message: String

    init(_ code: TelemetryDecodeError.Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
