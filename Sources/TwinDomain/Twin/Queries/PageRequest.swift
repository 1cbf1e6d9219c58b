/// Keyset pagination: an opaque cursor from the previous page and a bounded size.
///
/// Cursors are produced and parsed by the store (they encode the last row's sort key), so
/// clients cannot skip into rows by offset and pages stay stable under inserts.
public struct PageRequest: Sendable, Hashable {
    public static let maximumLimit = 1000
    public static let defaultLimit = 100

    public var cursor: String?
    public var limit: Int

    public init(cursor: String? = nil, limit: Int = PageRequest.defaultLimit) {
        self.cursor = cursor
        self.limit = Swift.max(1, Swift.min(limit, Self.maximumLimit))
    }
}
