import Glibc

/// The spool's directory: its lock, its descriptor for syncing entries, and name-level operations.
final class SpoolDirectory: Sendable {
    static let lockFileName = "LOCK"
    static let quarantineDirectoryName = "quarantine"

    let path: String
    private let handle: SpoolFile
    /// Held (flock, exclusive) for as long as the spool is open; the kernel drops it if we die.
    private let lock: SpoolFile

    init(path: String) throws(SpoolError) {
        self.path = path
        try Self.makeDirectory(path)
        handle = try SpoolFile.open(path, flags: O_RDONLY | O_DIRECTORY)
        let lockPath = path + "/" + Self.lockFileName
        lock = try SpoolFile.open(lockPath, flags: O_RDWR | O_CREAT)
        while flock(lock.descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK { throw SpoolError.locked(path: path) }
            throw SpoolError.system("flock", path: lockPath, errno: code)
        }
    }

    func filePath(_ name: String) -> String { path + "/" + name }

    /// Lets another opener in (on close); the descriptor itself goes with this object.
    func unlock() {
        _ = flock(lock.descriptor, LOCK_UN)
    }

    /// Makes entries created, renamed or removed so far survive a power loss.
    func sync() throws(SpoolError) {
        try handle.fullSync()
    }

    /// Names in the directory, without "." and "..".
    func entries() throws(SpoolError) -> [String] {
        guard let stream = opendir(path) else { throw SpoolError.system("opendir", path: path, errno: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                let code = errno
                if code != 0 { throw SpoolError.system("readdir", path: path, errno: code) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    func isRegularFile(_ name: String) -> Bool {
        var info = stat()
        guard lstat(filePath(name), &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    func rename(_ from: String, to: String) throws(SpoolError) {
        guard Glibc.rename(from, to) == 0 else {
            throw SpoolError.system("rename to \(to)", path: from, errno: errno)
        }
    }

    func remove(_ name: String) throws(SpoolError) {
        let full = filePath(name)
        guard unlink(full) == 0 || errno == ENOENT else {
            throw SpoolError.system("unlink", path: full, errno: errno)
        }
    }

    /// Moves a damaged segment into `quarantine/`, never overwriting an earlier one; returns its new path.
    func quarantine(_ name: String) throws(SpoolError) -> String {
        let folder = filePath(Self.quarantineDirectoryName)
        try Self.makeDirectory(folder)
        var target = folder + "/" + name
        var attempt = 1
        while access(target, F_OK) == 0 {
            target = folder + "/" + name + "." + String(attempt)
            attempt += 1
        }
        try rename(filePath(name), to: target)
        let folderHandle = try SpoolFile.open(folder, flags: O_RDONLY | O_DIRECTORY)
        try folderHandle.fullSync()
        return target
    }

    private static func makeDirectory(_ path: String) throws(SpoolError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code == EEXIST { continue }
                throw SpoolError.system("mkdir", path: prefix, errno: code)
            }
        }
    }
}
