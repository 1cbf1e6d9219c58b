/// A JSON value as far as a reading field needs to know it; containers are skipped (and checked)
/// when read.
enum JSONValue {
    /// Content between the quotes.
    case string(start: Int, end: Int, escaped: Bool)
    case number(DecimalNumber, start: Int)
    case bool(Bool)
    case null
    /// `NaN`, `Infinity`, `-Infinity` (any case): not JSON, but common enough from Python and
    /// JavaScript senders to deserve an item error instead of a document error.
    case nonFinite
    case object
    case array

    var kindDescription: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .nonFinite: "a non-finite number"
        case .object: "an object"
        case .array: "an array"
        }
    }
}
