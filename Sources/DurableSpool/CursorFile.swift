import Glibc

/// The `cursor` file: how far the drain has got, and a floor for the next sequence number so that
/// numbers stay unique even after every segment is drained and deleted.
///
/// ```
///  0  magic          89 43 55 52 ("\x89CUR")
///  4  version        u32 LE (1)
///  8  drainedThrough u64 LE
/// 16  nextSequence   u64 LE
/// 24  checksum       u32 LE, CRC-32C of bytes 0..<24
/// ```
/// Replaced atomically: write `cursor.tmp`, fdatasync, rename over `cursor`, fsync the directory.
struct CursorFile: Sendable, Hashable {
    static let fileName = "cursor"
    static let temporaryFileName = "cursor.tmp"
    static let size = 28
    private static let magic: [UInt8] = [0x89, 0x43, 0x55, 0x52]
    private static let version: UInt32 = 1

    var drainedThrough: UInt64
    var nextSequence: UInt64

    /// Reads the cursor: nil when there is none, a problem description when it is unusable.
    static func load(from directory: SpoolDirectory) -> Result<CursorFile?, CursorProblem> {
        let path = directory.filePath(fileName)
        let file: SpoolFile
        do throws(SpoolError) {
            file = try SpoolFile.open(path, flags: O_RDONLY)
        } catch {
            if case .io(_, _, let code) = error, code == ENOENT { return .success(nil) }
            return .failure(CursorProblem(message: error.description))
        }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        let count: Int
        do throws(SpoolError) {
            count = try file.read(into: &bytes, count: bytes.count, at: 0)
        } catch {
            return .failure(CursorProblem(message: error.description))
        }
        guard count == size else {
            return .failure(CursorProblem(message: "\(path) has \(count == size + 1 ? "more than \(size)" : String(count)) bytes, expected \(size)"))
        }
        return bytes.withUnsafeBytes { raw -> Result<CursorFile?, CursorProblem> in
            guard raw.prefix(magic.count).elementsEqual(magic) else {
                return .failure(CursorProblem(message: "\(path): bad magic"))
            }
            let stored = raw.loadLittleEndianUInt32(at: 24)
            let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<24]))
            guard stored == computed else {
                return .failure(CursorProblem(message: "\(path): checksum mismatch"))
            }
            let version = raw.loadLittleEndianUInt32(at: 4)
            guard version == Self.version else {
                return .failure(CursorProblem(message: "\(path): unsupported version \(version)"))
            }
            return .success(CursorFile(
                drainedThrough: raw.loadLittleEndianUInt64(at: 8),
                nextSequence: raw.loadLittleEndianUInt64(at: 16)
            ))
        }
    }

    func store(in directory: SpoolDirectory, faults: FaultInjection) throws(SpoolError) {
        var bytes = Self.magic
        withUnsafeBytes(of: Self.version.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: drainedThrough.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: nextSequence.littleEndian) { bytes.append(contentsOf: $0) }
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }

        let temporaryPath = directory.filePath(Self.temporaryFileName)
        let file = try SpoolFile.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC)
        let result = bytes.withUnsafeBytes { file.writeAll($0, at: 0, faults: faults) }
        if let code = result.errno {
            throw SpoolError.system("write", path: temporaryPath, errno: code)
        }
        try file.dataSync(faults: faults)
        try directory.rename(temporaryPath, to: directory.filePath(Self.fileName))
        try directory.sync()
    }
}

