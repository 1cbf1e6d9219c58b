import Glibc

/// An open file descriptor shared by the writer, the flusher and the reader.
///
/// The descriptor is closed when the last reference goes, so the flusher can sync, and the reader
/// read, a segment that a drain deletes meanwhile without the number being reused under them.
final class SpoolFile: Sendable {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        _ = Glibc.close(descriptor)
    }

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(SpoolError) -> SpoolFile {
        while true {
            let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return SpoolFile(descriptor: descriptor, path: path) }
            let code = errno
            if code == EINTR { continue }
            throw SpoolError.system("open", path: path, errno: code)
        }
    }

    func size() throws(SpoolError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SpoolError.system("fstat", path: path, errno: errno) }
        return Int(info.st_size)
    }

    /// Writes every byte at `offset`, or reports how many landed before the failure.
    func writeAll(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        faults: FaultInjection
    ) -> (written: Int, errno: Int32?) {
        var written = 0
        if let hook = faults.write, let fault = hook(path, bytes.count) {
            let partial = min(max(0, fault.bytesWritten), bytes.count)
            if partial > 0 {
                let result = writeAll(UnsafeRawBufferPointer(rebasing: bytes[0..<partial]), at: offset, faults: FaultInjection())
                written = result.written
            }
            return (written, fault.errno)
        }
        guard let base = bytes.baseAddress else { return (0, nil) }
        while written < bytes.count {
            let result = pwrite(descriptor, base + written, bytes.count - written, off_t(offset + written))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                return (written, code)
            }
            if result == 0 { return (written, EIO) }
            written += result
        }
        return (written, nil)
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int) throws(SpoolError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let wanted = min(count, buffer.count)
        var done = 0
        while done < wanted {
            let result = pread(descriptor, base + done, wanted - done, off_t(offset + done))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw SpoolError.system("read", path: path, errno: code)
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    /// Reads up to `count` bytes at `offset` into the start of `array`.
    func read(into array: inout [UInt8], count: Int, at offset: Int) throws(SpoolError) -> Int {
        let result = array.withUnsafeMutableBytes { raw -> Result<Int, SpoolError> in
            do throws(SpoolError) {
                return .success(try read(into: raw, count: count, at: offset))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func dataSync(faults: FaultInjection) throws(SpoolError) {
        if let hook = faults.sync, let code = hook(path) {
            throw SpoolError.system("fdatasync", path: path, errno: code)
        }
        while fdatasync(descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw SpoolError.system("fdatasync", path: path, errno: code)
        }
    }

    /// fsync, for directories (fdatasync does not promise directory entries).
    func fullSync() throws(SpoolError) {
        while fsync(descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            // Some file systems refuse fsync on directories; there is nothing more to do there.
            if code == EINVAL || code == EBADF { return }
            throw SpoolError.system("fsync", path: path, errno: code)
        }
    }

    func truncate(to length: Int) throws(SpoolError) {
        while ftruncate(descriptor, off_t(length)) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw SpoolError.system("ftruncate", path: path, errno: code)
        }
    }
}
