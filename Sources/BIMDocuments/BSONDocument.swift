/// An ordered BSON document with value semantics.
///
/// Order matters to MongoDB (sort specs, index keys, command names must come first), so
/// this is a list of pairs rather than a dictionary. Duplicate keys read from the wire are
/// kept as they are; the subscript reads and writes the first occurrence.
public struct BSONDocument: Sendable, Hashable {
    /// The elements in wire order.
    public private(set) var elements: [(key: String, value: BSONValue)]

    /// An empty document.
    public init() { elements = [] }

    /// A document from ordered pairs.
    public init(_ elements: [(key: String, value: BSONValue)]) {
        self.elements = elements
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var keys: [String] { elements.map(\.key) }

    /// Reads or writes the first element named `key`; assigning `nil` removes it.
    public subscript(key: String) -> BSONValue? {
        get { elements.first(where: { $0.key == key })?.value }
        set {
            let index = elements.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case (let index?, let value?): elements[index].value = value
            case (let index?, nil): elements.remove(at: index)
            case (nil, let value?): elements.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Appends without looking for an existing key (cheap, and how the wire format is read).
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append((key: key, value: value))
    }

    /// A copy with `key` set to `value`.
    public func setting(_ key: String, to value: BSONValue) -> BSONDocument {
        var copy = self
        copy[key] = value
        return copy
    }

    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        guard lhs.elements.count == rhs.elements.count else { return false }
        for (left, right) in zip(lhs.elements, rhs.elements) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements.count)
        for element in elements {
            hasher.combine(element.key)
            hasher.combine(element.value)
        }
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension BSONDocument: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: BSONValue)]> {
        elements.makeIterator()
    }
}
