import TwinDomain

/// 64-bit FNV-1a over a canonical byte form of document values.
///
/// Fingerprints only need to tell "same" from "changed" between two imports of one model, not to
/// resist an adversary, so a small non-cryptographic hash keeps TwinImport free of a crypto
/// dependency. Objects are hashed with sorted keys and every value carries a type tag and length,
/// so `{"a":"bc"}` and `{"ab":"c"}` hash differently and key order never matters.
struct FingerprintHasher {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01B3
    }

    mutating func combine(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    mutating func combine(_ string: String) {
        combine(UInt64(string.utf8.count))
        for b in string.utf8 { combine(byte: b) }
    }

    /// Doubles are rounded to 1e-6 first so harmless float noise (re-exported models) is not a change.
    mutating func combine(_ double: Double) {
        guard double.isFinite else { combine(double.bitPattern); return }
        let rounded = (double * 1e6).rounded() / 1e6
        combine((rounded == 0 ? 0 : rounded).bitPattern)
    }

    mutating func combine(_ value: DocumentValue) {
        switch value {
        case .null: combine(byte: 0)
        case .bool(let b): combine(byte: b ? 2 : 1)
        case .int(let i): combine(byte: 3); combine(UInt64(bitPattern: i))
        case .double(let d): combine(byte: 4); combine(d)
        case .string(let s): combine(byte: 5); combine(s)
        case .array(let items):
            combine(byte: 6)
            combine(UInt64(items.count))
            for item in items { combine(item) }
        case .object(let members):
            combine(byte: 7)
            combine(UInt64(members.count))
            for key in members.keys.sorted() {
                combine(key)
                combine(members[key]!)
            }
        }
    }

    /// 16 lowercase hex digits.
    var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func digest(_ value: DocumentValue) -> String {
        var h = FingerprintHasher()
        h.combine(value)
        return h.hex
    }
}
