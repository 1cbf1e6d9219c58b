/// What became of a batch: how many readings are durable, and every refused item with its reason.
public struct IngestReport: Sendable, Hashable {
    public struct Refusal: Sendable, Hashable {
        /// 0-based item of the input.
        public var item: Int
        /// Stable code: the decoder's (`not_a_number`, `non_finite_value`, …) or the ingest's
        /// (`unknown_point`, `out_of_range`, `future_timestamp`, `too_old`, `unit_mismatch`).
        public var code: String
        public var message: String
        /// 1-based line and column in the input, when the decoder knew them.
        public var line: Int?
        public var column: Int?
        public var field: String?

        public init(item: Int, code: String, message: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
            self.item = item
            self.code = code
            self.message = message
            self.line = line
            self.column = column
            self.field = field
        }
    }

    public var items: Int
    public var accepted: Int
    public var refused: Int
    /// At most the first 1,000; `refused` counts all.
    public var refusals: [Refusal]

    public init(items: Int = 0, accepted: Int = 0, refused: Int = 0, refusals: [Refusal] = []) {
        self.items = items
        self.accepted = accepted
        self.refused = refused
        self.refusals = refusals
    }
}
