import Foundation

/// Reads a zip archive's central directory straight from disk (declared names and sizes only, nothing
/// decompressed), which is all the sniffer needs to tell .ifczip from .xlsx and to spot zip bombs.
final class ZipFileReader {
    struct Entry: Sendable, Hashable {
        var name: String
        var compressedSize: Int64
        var uncompressedSize: Int64
    }

    struct Failure: Error {
        var reason: String
    }

    private let handle: FileHandle
    let size: Int64

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
        size = Int64(try handle.seekToEnd())
    }

    func close() { try? handle.close() }

    /// Up to `count` bytes at `offset` (fewer at the end of the file, none on I/O errors).
    func read(at offset: Int64, count: Int) -> [UInt8] {
        guard offset >= 0, count > 0, offset < size else { return [] }
        do {
            try handle.seek(toOffset: UInt64(offset))
            return Array(try handle.read(upToCount: count) ?? Data())
        } catch {
            return []
        }
    }

    func centralDirectory(maxEntries: Int) throws(Failure) -> [Entry] {
        // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
        let tailLength = Int(min(size, 22 + 65_535))
        let tail = read(at: size - Int64(tailLength), count: tailLength)
        guard tail.count >= 22, let eocd = Self.lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: tail) else {
            throw Failure(reason: "no end of central directory (truncated?)")
        }
        var count = Int64(Self.u16(tail, eocd + 10))
        var cdSize = Int64(Self.u32(tail, eocd + 12))
        var cdOffset = Int64(Self.u32(tail, eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: the locator just before the EOCD points at the zip64 EOCD record.
            let locatorAt = size - Int64(tailLength) + Int64(eocd) - 20
            let locator = read(at: locatorAt, count: 20)
            guard locator.count == 20, locator[0...3].elementsEqual([0x50, 0x4B, 0x06, 0x07]) else {
                throw Failure(reason: "zip64 locator missing")
            }
            let recordAt = Int64(bitPattern: Self.u64(locator, 8))
            let record = read(at: recordAt, count: 56)
            guard record.count == 56, record[0...3].elementsEqual([0x50, 0x4B, 0x06, 0x06]) else {
                throw Failure(reason: "zip64 end of central directory missing")
            }
            count = Int64(bitPattern: Self.u64(record, 32))
            cdSize = Int64(bitPattern: Self.u64(record, 40))
            cdOffset = Int64(bitPattern: Self.u64(record, 48))
        }
        guard count >= 0, cdSize >= 0, cdOffset >= 0, cdOffset + cdSize <= size else {
            throw Failure(reason: "central directory lies outside the file")
        }
        guard count <= Int64(maxEntries), cdSize <= 64 << 20 else { throw Failure(reason: "too many entries") }
        let cd = read(at: cdOffset, count: Int(cdSize))
        var entries: [Entry] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, cd[p..<p + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) else {
                throw Failure(reason: "central directory entry malformed")
            }
            var compressed = Int64(Self.u32(cd, p + 20))
            var uncompressed = Int64(Self.u32(cd, p + 24))
            let nameLength = Int(Self.u16(cd, p + 28)), extraLength = Int(Self.u16(cd, p + 30))
            let commentLength = Int(Self.u16(cd, p + 32))
            let nameEnd = p + 46 + nameLength, extraEnd = nameEnd + extraLength
            guard extraEnd + commentLength <= cd.count else { throw Failure(reason: "central directory entry cut short") }
            let name = String(decoding: cd[(p + 46)..<nameEnd], as: UTF8.self)
            // Zip64 extended information: the 8-byte sizes replace the 0xFFFFFFFF placeholders, in order.
            var e = nameEnd
            while e + 4 <= extraEnd {
                let id = Self.u16(cd, e), length = Int(Self.u16(cd, e + 2))
                if id == 0x0001 {
                    var f = e + 4
                    if uncompressed == 0xFFFF_FFFF, f + 8 <= e + 4 + length {
                        uncompressed = Int64(bitPattern: Self.u64(cd, f)); f += 8
                    }
                    if compressed == 0xFFFF_FFFF, f + 8 <= e + 4 + length {
                        compressed = Int64(bitPattern: Self.u64(cd, f))
                    }
                }
                e += 4 + length
            }
            entries.append(Entry(name: name, compressedSize: compressed, uncompressedSize: max(0, uncompressed)))
            p = extraEnd + commentLength
        }
        return entries
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }

    static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32 }
}
