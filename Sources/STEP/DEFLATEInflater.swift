/// A bounded pure-Swift DEFLATE decoder (RFC 1951).
///
/// The module is Foundation-only and must read `.ifczip` / `.ifc.gz` uploads, so it
/// carries its own inflater. Every length and distance is checked, output is capped by
/// `limit`, and malformed streams throw instead of trapping.
///
/// Output goes to a ``DEFLATESink``: an array of exactly the size a counting pass measured
/// (``DEFLATEArraySink``), or a 64 KiB ring that only counts and checksums (``DEFLATECountingSink``). The
/// counting pass lets a caller refuse a bomb, or size the real output once, without ever
/// holding more than the window: growing an array by doubling while a 5 MB bomb inflated
/// toward its limit used to cost the server about 1 GB.
struct DEFLATEInflater<Sink: DEFLATESink> {
    private let input: UnsafeBufferPointer<UInt8>
    private var pos: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private let limit: Int
    private(set) var output: Sink

    init(_ input: UnsafeBufferPointer<UInt8>, start: Int, limit: Int, sink: Sink) {
        self.input = input
        self.pos = start
        self.limit = limit
        self.output = sink
    }

    /// Index just past the last input byte used (after the final block, byte aligned).
    var consumedEnd: Int { pos - bitCount / 8 }

    /// Inflates one complete DEFLATE stream.
    mutating func run() throws(STEPError) {
        var final = false
        var blocks = 0
        while !final {
            blocks += 1
            final = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(Self.fixedLiteralTable(), Self.fixedDistanceTable())
            case 2:
                let (lit, dist) = try dynamicTables()
                try huffmanBlock(lit, dist)
            default: throw .corruptArchive("invalid deflate block type 3")
            }
        }
    }

    // MARK: Bits

    @inline(__always) private mutating func refill() {
        while bitCount <= 56, pos < input.count {
            bitBuffer |= UInt64(input[pos]) << UInt64(bitCount)
            pos += 1
            bitCount += 8
        }
    }

    @inline(__always) private mutating func bits(_ k: Int) throws(STEPError) -> Int {
        if bitCount < k {
            refill()
            if bitCount < k { throw .corruptArchive("deflate stream truncated") }
        }
        let v = Int(bitBuffer & ((1 << UInt64(k)) - 1))
        bitBuffer >>= UInt64(k)
        bitCount -= k
        return v
    }

    // MARK: Blocks

    private mutating func storedBlock() throws(STEPError) {
        let drop = bitCount % 8
        bitBuffer >>= UInt64(drop)
        bitCount -= drop
        let len = try bits(16)
        let nlen = try bits(16)
        guard len == (~nlen & 0xFFFF) else { throw .corruptArchive("stored block length check failed") }
        guard output.count + len <= limit else { throw .decompressedSizeLimitExceeded(limit: limit) }
        // Whole bytes still in the bit buffer come first, then straight from the input.
        var remaining = len
        while remaining > 0, bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount -= 8
            remaining -= 1
        }
        guard pos + remaining <= input.count else { throw .corruptArchive("stored block truncated") }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[pos..<(pos + remaining)]))
        pos += remaining
    }

    private mutating func huffmanBlock(_ lit: HuffmanTable, _ dist: HuffmanTable) throws(STEPError) {
        let lengthBase = DEFLATETables.lengthBase
        let lengthExtra = DEFLATETables.lengthExtra
        let distanceBase = DEFLATETables.distanceBase
        let distanceExtra = DEFLATETables.distanceExtra
        while true {
            let sym = try decode(lit)
            if sym < 256 {
                guard output.count < limit else { throw .decompressedSizeLimitExceeded(limit: limit) }
                output.append(UInt8(sym))
                continue
            }
            if sym == 256 { return }
            let li = sym - 257
            guard li < 29 else { throw .corruptArchive("invalid length symbol") }
            let length = lengthBase[li] + (try bits(lengthExtra[li]))
            let ds = try decode(dist)
            guard ds < 30 else { throw .corruptArchive("invalid distance symbol") }
            let distance = distanceBase[ds] + (try bits(distanceExtra[ds]))
            guard distance <= output.count else { throw .corruptArchive("distance beyond start of output") }
            guard output.count + length <= limit else { throw .decompressedSizeLimitExceeded(limit: limit) }
            output.copyBack(distance: distance, length: length)
        }
    }

    @inline(__always) private mutating func decode(_ table: HuffmanTable) throws(STEPError) -> Int {
        if bitCount < table.maxBits { refill() }
        let entry = table.entries[Int(bitBuffer & UInt64(table.entries.count - 1))]
        let len = Int(entry & 0xF)
        guard len > 0, len <= bitCount else {
            throw .corruptArchive(len == 0 ? "invalid Huffman code" : "deflate stream truncated")
        }
        bitBuffer >>= UInt64(len)
        bitCount -= len
        return Int(entry >> 4)
    }

    private mutating func dynamicTables() throws(STEPError) -> (HuffmanTable, HuffmanTable) {
        let hlit = try bits(5) + 257
        let hdist = try bits(5) + 1
        let hclen = try bits(4) + 4
        guard hlit <= 286, hdist <= 30 else { throw .corruptArchive("too many Huffman codes") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for k in 0..<hclen { codeLengths[order[k]] = try bits(3) }
        let clTable = try HuffmanTable(lengths: codeLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(hlit + hdist)
        while lengths.count < hlit + hdist {
            let sym = try decode(clTable)
            switch sym {
            case 0...15:
                lengths.append(sym)
            case 16:
                guard let last = lengths.last else { throw .corruptArchive("repeat with no previous length") }
                for _ in 0..<(3 + (try bits(2))) { lengths.append(last) }
            case 17:
                for _ in 0..<(3 + (try bits(3))) { lengths.append(0) }
            default:
                for _ in 0..<(11 + (try bits(7))) { lengths.append(0) }
            }
        }
        guard lengths.count == hlit + hdist else { throw .corruptArchive("code lengths overrun") }
        guard lengths[256] > 0 else { throw .corruptArchive("no end-of-block code") }
        let lit = try HuffmanTable(lengths: Array(lengths[0..<hlit]))
        let dist = try HuffmanTable(lengths: Array(lengths[hlit...]))
        return (lit, dist)
    }

    private static func fixedLiteralTable() throws(STEPError) -> HuffmanTable {
        var lengths = [Int](repeating: 8, count: 288)
        for k in 144..<256 { lengths[k] = 9 }
        for k in 256..<280 { lengths[k] = 7 }
        return try HuffmanTable(lengths: lengths)
    }

    private static func fixedDistanceTable() throws(STEPError) -> HuffmanTable {
        try HuffmanTable(lengths: [Int](repeating: 5, count: 30))
    }
}
