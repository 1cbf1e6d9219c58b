/// Reads gzip data (RFC 1952), including several concatenated members.
enum GzipReader {
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Two passes: the first inflates into a 64 KiB counting ring and checks each member's size
    /// and CRC, so a bomb is refused at `limit` and a corrupt stream at its trailer having held
    /// nothing, and a real file's size is known; the second inflates into one array of exactly
    /// that size. Peak memory is the output itself (never the doubling
    /// growth of an array of unknown size), whatever the compression ratio.
    static func decompress(_ bytes: [UInt8], limit: Int) throws(STEPError) -> [UInt8] {
        var total = 0
        try forEachMember(bytes) { start throws(STEPError) in
            var (sink, next) = try member(bytes, at: start, limit: limit - total, sink: DEFLATECountingSink())
            // The trailer is checked here already, so a corrupt stream never gets an output buffer.
            guard UInt32(truncatingIfNeeded: sink.count) == readUInt32(bytes, next - 4) else {
                throw .corruptArchive("gzip size check failed")
            }
            guard sink.finishChecksum() == readUInt32(bytes, next - 8) else { throw .corruptArchive("gzip CRC check failed") }
            total += sink.count
            return next
        }
        // Inflating is deterministic: the second pass writes exactly what the first checked.
        var sink = DEFLATEArraySink(capacity: total)
        try forEachMember(bytes) { start throws(STEPError) in
            let next: Int
            (sink, next) = try member(bytes, at: start, limit: total, sink: sink)
            return next
        }
        guard sink.count == total else { throw .corruptArchive("gzip stream changed between passes") }
        return sink.bytes
    }

    /// Calls `body` with the start of each concatenated member; it returns the next start.
    private static func forEachMember(_ bytes: [UInt8], _ body: (Int) throws(STEPError) -> Int) throws(STEPError) {
        var start = 0
        var members = 0
        while start + 18 <= bytes.count, bytes[start] == 0x1F, bytes[start + 1] == 0x8B {
            members += 1
            let next = try body(start)
            guard next > start else { break }
            start = next
        }
        guard members > 0 else { throw .corruptArchive("gzip header truncated") }
    }

    static func readUInt32(_ bytes: [UInt8], _ i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    /// Inflates one member into `sink`; returns it and the index just past the member's trailer.
    private static func member<Sink: DEFLATESink>(_ bytes: [UInt8], at start: Int, limit: Int,
                                                  sink: Sink) throws(STEPError) -> (Sink, Int) {
        guard bytes[start + 2] == 8 else { throw .corruptArchive("gzip compression method is not deflate") }
        let flags = bytes[start + 3]
        guard flags & 0xE0 == 0 else { throw .corruptArchive("reserved gzip flags set") }
        var i = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard i + 2 <= bytes.count else { throw .corruptArchive("gzip extra field truncated") }
            i += 2 + (Int(bytes[i]) | Int(bytes[i + 1]) << 8)
        }
        if flags & 0x08 != 0 {  // FNAME
            while i < bytes.count, bytes[i] != 0 { i += 1 }
            i += 1
        }
        if flags & 0x10 != 0 {  // FCOMMENT
            while i < bytes.count, bytes[i] != 0 { i += 1 }
            i += 1
        }
        if flags & 0x02 != 0 { i += 2 }  // FHCRC
        guard i < bytes.count else { throw .corruptArchive("gzip header truncated") }
        return try bytes.withUnsafeBufferPointer { p throws(STEPError) in
            var inflater = DEFLATEInflater(p, start: i, limit: limit, sink: sink)
            try inflater.run()
            let end = inflater.consumedEnd
            guard end + 8 <= p.count else { throw .corruptArchive("gzip trailer missing") }
            return (inflater.output, end + 8)
        }
    }

    static func readUInt32(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
    }
}
