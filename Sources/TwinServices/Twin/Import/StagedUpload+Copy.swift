import Crypto
import Foundation

extension StagedUpload {
    /// Copies a local file into `directory`, hashing it on the way and refusing more than
    /// `maxBytes` (what the API does for a request body, for `atrium import`).
    public static func stage(copying source: URL, into directory: URL, maxBytes: Int64) throws(ImportFailure) -> StagedUpload {
        guard let input = try? FileHandle(forReadingFrom: source) else {
            throw ImportFailure(code: "import.unreadable", message: "The file cannot be read.")
        }
        defer { try? input.close() }
        let target = directory.appendingPathComponent("staged-\(UUID().uuidString.lowercased())")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ImportFailure(code: "import.staging", message: "The staging directory cannot be created.")
        }
        guard FileManager.default.createFile(atPath: target.path, contents: nil),
              let output = try? FileHandle(forWritingTo: target) else {
            throw ImportFailure(code: "import.staging", message: "The staging directory is not writable.")
        }
        defer { try? output.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                size += Int64(chunk.count)
                if size > maxBytes {
                    try? FileManager.default.removeItem(at: target)
                    throw ImportFailure.tooLarge(limit: maxBytes)
                }
                hasher.update(data: chunk)
                try output.write(contentsOf: chunk)
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw ImportFailure(code: "import.unreadable", message: "The file could not be copied for import.")
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return StagedUpload(url: target, size: size, sha256: digest)
    }
}
