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

/// Counts the output keeping only a 64 KiB ring (DEFLATE looks back at most 32 KiB), and
/// checksums it as it goes, so measuring and verifying a stream costs the same memory whatever it
/// inflates to: a stream whose size or CRC disagrees with its trailer is refused before any
/// output buffer exists.
struct DEFLATECountingSink: DEFLATESink {
    static let ringSize = 1 << 16
    static let halfSize = ringSize / 2
    private var ring = [UInt8](repeating: 0, count: DEFLATECountingSink.ringSize)
    private(set) var count = 0
    private var crc = CRC32()

    /// CRC-32 of everything written (call once, at the end).
    mutating func finishChecksum() -> UInt32 {
        let pending = count & (Self.halfSize - 1)
        if pending > 0 {
            let start = (count - pending) & (Self.ringSize - 1)
            ring.withUnsafeBufferPointer { crc.update(UnsafeBufferPointer(rebasing: $0[start..<(start + pending)])) }
        }
        return crc.checksum
    }

    /// When a 32 KiB half of the ring is complete its bytes are final: checksum them.
    @inline(__always) private mutating func afterWrite() {
        if count & (Self.halfSize - 1) == 0 {
            let start = (count - Self.halfSize) & (Self.ringSize - 1)
            ring.withUnsafeBufferPointer { crc.update(UnsafeBufferPointer(rebasing: $0[start..<(start + Self.halfSize)])) }
        }
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        ring[count & (Self.ringSize - 1)] = byte
        count += 1
        afterWrite()
    }

    mutating func append(contentsOf source: UnsafeBufferPointer<UInt8>) {
        for byte in source { append(byte) }
    }

    @inline(__always) mutating func copyBack(distance: Int, length: Int) {
        let mask = Self.ringSize - 1
        for _ in 0..<length {
            ring[count & mask] = ring[(count - distance) & mask]
            count += 1
            afterWrite()
        }
    }
}
