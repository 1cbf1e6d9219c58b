import Foundation

/// The fields of one item seen so far.
struct ItemDraft {
    var point: UUID?
    var key: String?
    var ts: Int64?
    var value: Double = 0
    var unit: String?
    var quality = ReadingQuality.good
    var seen: UInt8 = 0
}
