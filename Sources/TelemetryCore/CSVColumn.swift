/// The roles a CSV column can play.
enum CSVColumn: Int, CaseIterable {
    case point, key, ts, value, unit, quality

    var name: String {
        switch self {
        case .point: "point"
        case .key: "key"
        case .ts: "ts"
        case .value: "value"
        case .unit: "unit"
        case .quality: "quality"
        }
    }

    static func named(_ raw: UnsafeRawBufferPointer) -> CSVColumn? {
        if ByteText.equalsFolded(raw, "point") { return .point }
        if ByteText.equalsFolded(raw, "key") || ByteText.equalsFolded(raw, "external_key") { return .key }
        if ByteText.equalsFolded(raw, "ts") { return .ts }
        if ByteText.equalsFolded(raw, "value") { return .value }
        if ByteText.equalsFolded(raw, "unit") { return .unit }
        if ByteText.equalsFolded(raw, "quality") { return .quality }
        return nil
    }
}
