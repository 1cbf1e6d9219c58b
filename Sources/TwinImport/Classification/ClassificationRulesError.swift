/// A rules file that cannot be used, with every problem found (not just the first) so an
/// administrator can fix the file in one go.
public struct ClassificationRulesError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// 0-based position in `rules`; nil for problems with the file as a whole.
        public var index: Int?
        public var field: String?
        public var message: String

        public init(index: Int?, field: String?, message: String) {
            self.index = index
            self.field = field
            self.message = message
        }

        public var description: String {
            let place = [index.map { "rules[\($0)]" }, field].compactMap { $0 }.joined(separator: ".")
            return place.isEmpty ? message : "\(place): \(message)"
        }
    }

    public var origin: String
    public var problems: [Problem]

    public var description: String {
        "invalid classification rules (\(origin)): " + problems.map(\.description).joined(separator: "; ")
    }
}
