/// What reading one item object produced.
enum ItemOutcome {
    case reading(DecodedReading)
    case failure(FieldFailure, offset: Int, field: String?)
}
