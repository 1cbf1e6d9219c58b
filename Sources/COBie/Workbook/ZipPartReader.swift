import Foundation
import ZIPFoundation

/// Reads the parts of an OPC (xlsx) package into memory one at a time, enforcing the declared size,
/// the actual inflated size, the compression ratio and a total budget, so a zip bomb stops after at
/// most `maxPartBytes` of output.
///
/// Not `Sendable`: used by one reading call.
final class ZipPartReader {
    private let archive: Archive
    private let limits: COBieReadLimits
    private var entries: [String: Entry] = [:]
    private var lowercased: [String: String] = [:]
    private var totalRead = 0

    init(archive: Archive, limits: COBieReadLimits) throws {
        self.archive = archive
        self.limits = limits
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxZipEntries {
                throw COBieReadError.limitExceeded(
                    limit: "zip entries", part: nil, detail: "more than \(limits.maxZipEntries) entries")
            }
            guard entry.type == .file else { continue }
            let path = Self.normalize(entry.path)
            entries[path] = entry
            lowercased[path.lowercased()] = path
        }
        if entries.isEmpty {
            throw COBieReadError.corruptArchive("the zip directory lists no files")
        }
    }

    /// Part names inside the package are compared without a leading slash and with forward slashes.
    static func normalize(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("/") { p.removeFirst() }
        return p
    }

    func contains(_ path: String) -> Bool { entry(for: path) != nil }

    private func entry(for path: String) -> Entry? {
        let p = Self.normalize(path)
        if let e = entries[p] { return e }
        if let real = lowercased[p.lowercased()] { return entries[real] }
        return nil
    }

    /// The inflated bytes of `path`, or nil if the package has no such part.
    func read(_ path: String) throws -> Data? {
        guard let entry = entry(for: path) else { return nil }
        let declared = entry.uncompressedSize
        let compressed = entry.compressedSize
        if declared > UInt64(limits.maxPartBytes) {
            throw COBieReadError.limitExceeded(
                limit: "part size", part: path,
                detail: "declares \(declared) bytes uncompressed, more than \(limits.maxPartBytes)")
        }
        if declared > UInt64(limits.ratioCheckThreshold) {
            if compressed == 0 || declared / max(compressed, 1) > UInt64(limits.maxCompressionRatio) {
                throw COBieReadError.limitExceeded(
                    limit: "compression ratio", part: path,
                    detail: "\(compressed) compressed bytes expand to \(declared) (zip bomb?)")
            }
        }
        let remainingBudget = limits.maxTotalUncompressedBytes - totalRead
        if Int(declared) > remainingBudget {
            throw COBieReadError.limitExceeded(
                limit: "total uncompressed size", part: path,
                detail: "the parts read so far plus this one exceed \(limits.maxTotalUncompressedBytes) bytes")
        }
        // Never trust the declared size: stop as soon as the inflated output passes it.
        let cap = Int(declared)
        var data = Data()
        data.reserveCapacity(cap)
        var overflow = false
        do {
            let checksum = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                if data.count + chunk.count > cap {
                    overflow = true
                    throw COBieReadError.limitExceeded(
                        limit: "part size", part: path,
                        detail: "inflates past its declared \(declared) bytes (zip bomb or corrupt entry)")
                }
                data.append(chunk)
            }
            if checksum != entry.checksum {
                throw COBieReadError.corruptArchive("\(path) fails its CRC-32 check")
            }
        } catch let error as COBieReadError {
            throw error
        } catch {
            if overflow { throw COBieReadError.corruptArchive("\(path) inflates past its declared size") }
            throw COBieReadError.corruptArchive("\(path) cannot be inflated (\(error))")
        }
        if data.count != cap {
            throw COBieReadError.corruptArchive("\(path) inflates to \(data.count) bytes, not the declared \(cap)")
        }
        totalRead += data.count
        return data
    }
}
