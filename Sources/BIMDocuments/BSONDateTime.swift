import Foundation

/// A BSON UTC datetime: signed milliseconds since the Unix epoch.
///
/// Stored as the integer rather than a `Date` so values far from 1970 round-trip exactly.
public struct BSONDateTime: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Truncates to whole milliseconds, the resolution BSON keeps; clamps dates outside the Int64 range.
    public init(_ date: Date) {
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
        if millis >= Double(Int64.max) {
            millisecondsSinceEpoch = .max
        } else if millis <= Double(Int64.min) || millis.isNaN {
            millisecondsSinceEpoch = millis.isNaN ? 0 : .min
        } else {
            millisecondsSinceEpoch = Int64(millis)
        }
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000)
    }

    public static func < (lhs: BSONDateTime, rhs: BSONDateTime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
