/// Reads gzip data (RFC 1952), including several concatenated members.
enum GzipReader {
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func decompress(_ bytes: [UInt8], limit: Int) throws(STEPError) -> [UInt8] {
        var result: [UInt8] = []
        var start = 0
        var members = 0
        while start + 18 <= bytes.count, bytes[start] == 0x1F, bytes[start + 1] == 0x8B {
            members += 1
            let (data, next) = try member(bytes, at: start, limit: limit - result.count)
            if result.isEmpty { result = data } else { result.append(contentsOf: data) }
            guard next > start else { break }
            start = next
        }
        guard members > 0 else { throw .corruptArchive("gzip header truncated") }
        return result
    }

    private static func member(_ bytes: [UInt8], at start: Int, limit: Int) throws(STEPError) -> ([UInt8], Int) {
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
            var inflater = DEFLATEInflater(p, start: i, limit: limit)
            try inflater.run()
            let end = inflater.consumedEnd
            guard end + 8 <= p.count else { throw .corruptArchive("gzip trailer missing") }
            let crc = readUInt32(p, end)
            let size = readUInt32(p, end + 4)
            let data = inflater.output
            guard UInt32(truncatingIfNeeded: data.count) == size else {
                throw .corruptArchive("gzip size check failed")
            }
            guard CRC32.checksum(data) == crc else { throw .corruptArchive("gzip CRC check failed") }
            return (data, end + 8)
        }
    }

    static func readUInt32(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
    }
}
