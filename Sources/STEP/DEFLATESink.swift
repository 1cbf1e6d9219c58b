/// Where ``DEFLATEInflater`` writes: the whole output, or only a window to count it.
protocol DEFLATESink {
    /// Bytes written so far.
    var count: Int { get }
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    /// Repeats `length` bytes starting `distance` back (`distance` ≤ 32 KiB, ≤ `count`); the
    /// ranges may overlap, which is how DEFLATE writes runs.
    mutating func copyBack(distance: Int, length: Int)
}

/// Keeps the whole output, in an array reserved once at the size a counting pass measured.
struct DEFLATEArraySink: DEFLATESink {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf source: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: source) }

    @inline(__always) mutating func copyBack(distance: Int, length: Int) {
        // Byte by byte: the source may overlap what is being written (distance < length),
        // and appending a slice of the array to itself would copy the whole array.
        let from = bytes.count - distance
        for k in 0..<length { bytes.append(bytes[from + k]) }
    }
}

/// Counts the output keeping only the last 32 KiB (the farthest DEFLATE looks back), so
/// measuring a stream costs the same memory whatever it inflates to.
struct DEFLATECountingSink: DEFLATESink {
    static let windowSize = 1 << 15
    private var window = [UInt8](repeating: 0, count: DEFLATECountingSink.windowSize)
    private(set) var count = 0

    @inline(__always) mutating func append(_ byte: UInt8) {
        window[count & (Self.windowSize - 1)] = byte
        count += 1
    }

    mutating func append(contentsOf source: UnsafeBufferPointer<UInt8>) {
        // Bytes older than the window are only counted; the rest land where they would have.
        let kept = source.suffix(Self.windowSize)
        count += source.count - kept.count
        for byte in kept {
            window[count & (Self.windowSize - 1)] = byte
            count += 1
        }
    }

    @inline(__always) mutating func copyBack(distance: Int, length: Int) {
        let mask = Self.windowSize - 1
        for _ in 0..<length {
            window[count & mask] = window[(count - distance) & mask]
            count += 1
        }
    }
}
