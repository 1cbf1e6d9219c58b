/// Self-describing payloads: run id, index, then filler derived from both, of a length that
/// varies with the index so frames straddle segment and buffer boundaries at many offsets.
enum CrashPayload {
    static func make(runID: UInt64, index: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: runID.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: index.littleEndian) { bytes.append(contentsOf: $0) }
        let fillerLength = Int((index &* 7919) % 181)
        var state = runID &* 0x9E37_79B9_7F4A_7C15 ^ index
        for _ in 0..<fillerLength {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return bytes
    }
}
