/// The fields an item object can carry.
enum ItemField: UInt8 {
    case point = 1
    case key = 2
    case ts = 4
    case value = 8
    case unit = 16
    case quality = 32
    case other = 0

    var name: String {
        switch self {
        case .point: "point"
        case .key: "key"
        case .ts: "ts"
        case .value: "value"
        case .unit: "unit"
        case .quality: "quality"
        case .other: "?"
        }
    }
}
