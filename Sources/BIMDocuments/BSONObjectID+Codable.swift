/// Outside BSON (e.g. JSON for the API) an ObjectId is its hex string; `BSONEncoder` and
/// `BSONDecoder` intercept the type and keep it a real ObjectId.
extension BSONObjectID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = BSONObjectID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 24-digit hex ObjectId")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
