/// Extracts the STEP member of a zip archive (`.ifczip`): store or deflate, zip64 sizes.
///
/// Uses the central directory (sizes there are reliable even when the local header
/// defers them to a data descriptor) and falls back to the first local header when the
/// directory is missing, e.g. for a truncated upload.
enum ZIPReader {
    static func isZIP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5)
            && (bytes[3] == 4 || bytes[3] == 6)
    }

    struct Entry {
        var name: String
        var method: Int
        var flags: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localOffset: Int
    }

    static func extract(_ bytes: [UInt8], limit: Int) throws(STEPError) -> [UInt8] {
        return try bytes.withUnsafeBufferPointer { p throws(STEPError) in
            if let entries = try centralDirectory(p) {
                let files = entries.filter { !$0.name.hasSuffix("/") }
                let steps = files.filter { isSTEPName($0.name) }
                guard let entry = steps.first ?? (files.count == 1 ? files.first : nil) else {
                    throw .noSTEPEntryInArchive
                }
                return try extract(p, entry, limit: limit, verify: true)
            }
            // No directory: read the first local entry, trusting only its own header.
            guard p.count >= 30, u32(p, 0) == 0x0403_4B50 else { throw .corruptArchive("zip directory not found") }
            let entry = Entry(
                name: "", method: Int(u16(p, 8)), flags: Int(u16(p, 6)), crc: u32(p, 14),
                compressedSize: Int(u32(p, 18)), size: Int(u32(p, 22)), localOffset: 0)
            return try extract(p, entry, limit: limit, verify: false)
        }
    }

    private static func isSTEPName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".ifc") || lower.hasSuffix(".stp") || lower.hasSuffix(".step")
            || lower.hasSuffix(".p21")
    }

    private static func extract(
        _ p: UnsafeBufferPointer<UInt8>, _ entry: Entry, limit: Int, verify: Bool
    ) throws(STEPError) -> [UInt8] {
        guard entry.flags & 1 == 0 else { throw .corruptArchive("encrypted zip entries are not supported") }
        let h = entry.localOffset
        guard h >= 0, h + 30 <= p.count, u32(p, h) == 0x0403_4B50 else {
            throw .corruptArchive("zip local header not found")
        }
        let dataStart = h + 30 + Int(u16(p, h + 26)) + Int(u16(p, h + 28))
        guard dataStart <= p.count else { throw .corruptArchive("zip entry truncated") }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize <= p.count - dataStart else { throw .corruptArchive("zip entry truncated") }
            guard entry.compressedSize <= limit else { throw .decompressedSizeLimitExceeded(limit: limit) }
            data = Array(p[dataStart..<(dataStart + entry.compressedSize)])
        case 8:
            if verify, entry.size > limit { throw .decompressedSizeLimitExceeded(limit: limit) }
            // The declared size is only a claim: count and checksum first (a 64 KiB ring), then inflate
            // into an array of the measured size, so a lying header cannot make it grow.
            var counter = DEFLATEInflater(p, start: dataStart, limit: verify ? min(limit, entry.size) : limit,
                                          sink: DEFLATECountingSink())
            try counter.run()
            let size = counter.output.count
            if verify {
                guard size == entry.size else { throw .corruptArchive("zip entry size mismatch") }
                var sink = counter.output
                guard sink.finishChecksum() == entry.crc else { throw .corruptArchive("zip CRC check failed") }
            }
            var inflater = DEFLATEInflater(p, start: dataStart, limit: size, sink: DEFLATEArraySink(capacity: size))
            try inflater.run()
            data = inflater.output.bytes
        default:
            throw .unsupportedCompressionMethod(entry.method)
        }
        if verify {
            guard data.count == entry.size else { throw .corruptArchive("zip entry size mismatch") }
            guard CRC32.checksum(data) == entry.crc else { throw .corruptArchive("zip CRC check failed") }
        }
        return data
    }

    /// Entries of the central directory, or nil when there is no end-of-directory record.
    private static func centralDirectory(_ p: UnsafeBufferPointer<UInt8>) throws(STEPError) -> [Entry]? {
        let n = p.count
        guard n >= 22 else { return nil }
        var e = n - 22
        let stop = max(0, n - 22 - 65535)
        while e >= stop, u32(p, e) != 0x0605_4B50 { e -= 1 }
        guard e >= stop else { return nil }
        var count = Int(u16(p, e + 10))
        var offset = Int(u32(p, e + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator just before the record points at the zip64 end record.
            let loc = e - 20
            guard loc >= 0, u32(p, loc) == 0x0706_4B50 else { throw .corruptArchive("zip64 locator missing") }
            let z = Int(clamping: u64(p, loc + 8))
            guard z >= 0, z + 56 <= n, u32(p, z) == 0x0606_4B50 else {
                throw .corruptArchive("zip64 end record missing")
            }
            count = Int(clamping: u64(p, z + 32))
            offset = Int(clamping: u64(p, z + 48))
        }
        var entries: [Entry] = []
        var i = offset
        for _ in 0..<min(count, 65536 * 16) {
            guard i >= 0, i + 46 <= n, u32(p, i) == 0x0201_4B50 else {
                throw .corruptArchive("zip central directory entry malformed")
            }
            let nameLength = Int(u16(p, i + 28))
            let extraLength = Int(u16(p, i + 30))
            let commentLength = Int(u16(p, i + 32))
            guard i + 46 + nameLength + extraLength <= n else { throw .corruptArchive("zip directory truncated") }
            var entry = Entry(
                name: String(decoding: UnsafeBufferPointer(rebasing: p[(i + 46)..<(i + 46 + nameLength)]), as: UTF8.self),
                method: Int(u16(p, i + 10)), flags: Int(u16(p, i + 8)), crc: u32(p, i + 16),
                compressedSize: Int(u32(p, i + 20)), size: Int(u32(p, i + 24)), localOffset: Int(u32(p, i + 42)))
            // Zip64 extra field: 64-bit values for the 32-bit fields that are all ones.
            var x = i + 46 + nameLength
            let xEnd = x + extraLength
            while x + 4 <= xEnd {
                let tag = u16(p, x)
                let size = Int(u16(p, x + 2))
                guard x + 4 + size <= xEnd else { break }
                if tag == 0x0001 {
                    var f = x + 4
                    if entry.size == 0xFFFF_FFFF, f + 8 <= x + 4 + size {
                        entry.size = Int(clamping: u64(p, f))
                        f += 8
                    }
                    if entry.compressedSize == 0xFFFF_FFFF, f + 8 <= x + 4 + size {
                        entry.compressedSize = Int(clamping: u64(p, f))
                        f += 8
                    }
                    if entry.localOffset == 0xFFFF_FFFF, f + 8 <= x + 4 + size {
                        entry.localOffset = Int(clamping: u64(p, f))
                    }
                }
                x += 4 + size
            }
            entries.append(entry)
            i += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    static func u16(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 {
        UInt16(p[i]) | UInt16(p[i + 1]) << 8
    }

    static func u32(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
    }

    static func u64(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(u32(p, i)) | UInt64(u32(p, i + 4)) << 32
    }
}
