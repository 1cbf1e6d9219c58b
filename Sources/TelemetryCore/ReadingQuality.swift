/// How far a reading can be trusted, as the device or gateway reported it.
public enum ReadingQuality: String, Sendable, Hashable, Codable, CaseIterable {
    case good
    case uncertain
    case bad

    public static let `default` = ReadingQuality.good

    /// Parses the wire spelling, ignoring ASCII case.
    static func parse(_ raw: UnsafeRawBufferPointer) -> ReadingQuality? {
        switch raw.count {
        case 3 where ByteText.equalsFolded(raw, "bad"): .bad
        case 4 where ByteText.equalsFolded(raw, "good"): .good
        case 9 where ByteText.equalsFolded(raw, "uncertain"): .uncertain
        default: nil
        }
    }
}
