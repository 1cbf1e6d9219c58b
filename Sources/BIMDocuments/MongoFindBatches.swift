/// Matching documents in ascending `_id` order, delivered in batches.
///
/// Keyset pagination (`_id > last`) instead of a held cursor: no pooled client is pinned
/// while the consumer works on a batch, so a slow consumer cannot starve the pool, and the
/// memory held is one batch. Documents inserted meanwhile with a larger `_id` are included.
public struct MongoFindBatches: AsyncSequence, Sendable {
    public typealias Element = [BSONDocument]

    let collection: MongoCollection
    let filter: BSONDocument
    let batchSize: Int
    let projection: BSONDocument?

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let sequence: MongoFindBatches
        var lastID: BSONValue?
        var finished = false

        init(sequence: MongoFindBatches) {
            self.sequence = sequence
        }

        public mutating func next() async throws -> [BSONDocument]? {
            guard !finished else { return nil }
            let size = Swift.min(Swift.max(sequence.batchSize, 1), 100_000)
            var filter = sequence.filter
            if let lastID {
                let after: BSONDocument = ["_id": ["$gt": lastID]]
                filter = sequence.filter.isEmpty ? after : ["$and": [.document(sequence.filter), .document(after)]]
            }
            var projection = sequence.projection
            if projection != nil, projection?["_id"] != nil { projection?["_id"] = 1 }
            let options = MongoFindOptions(sort: ["_id": 1], projection: projection, limit: size)
            let batch = try await sequence.collection.find(filter, options: options)
            if batch.count < size { finished = true }
            guard !batch.isEmpty, let last = batch.last?["_id"] else {
                finished = true
                return batch.isEmpty ? nil : batch
            }
            lastID = last
            return batch
        }
    }
}
