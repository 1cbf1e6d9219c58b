import Foundation

/// One node of a value being encoded; containers are classes so nested containers handed
/// out by the `Encoder` API write into their parent after being returned.
final class BSONEncodingNode {
    enum Content {
        case empty
        case value(BSONValue)
        case keyed([(String, BSONEncodingNode)])
        case unkeyed([BSONEncodingNode])
    }

    var content: Content = .empty

    init() {}
    init(_ value: BSONValue) { content = .value(value) }

    func resolve() -> BSONValue {
        switch content {
        case .empty: return .document(BSONDocument())
        case .value(let value): return value
        case .keyed(let pairs): return .document(BSONDocument(pairs.map { (key: $0.0, value: $0.1.resolve()) }))
        case .unkeyed(let nodes): return .array(nodes.map { $0.resolve() })
        }
    }

    func appendKeyed(_ key: String, _ node: BSONEncodingNode) {
        if case .keyed(var pairs) = content {
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[index].1 = node
            } else {
                pairs.append((key, node))
            }
            content = .keyed(pairs)
        } else {
            content = .keyed([(key, node)])
        }
    }

    func appendUnkeyed(_ node: BSONEncodingNode) {
        if case .unkeyed(var nodes) = content {
            nodes.append(node)
            content = .unkeyed(nodes)
        } else {
            content = .unkeyed([node])
        }
    }

    var unkeyedCount: Int {
        if case .unkeyed(let nodes) = content { return nodes.count }
        return 0
    }
}
