import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child started with posix_spawn, a clean signal mask, default dispositions and no inherited
/// descriptors beyond stdio, and reaped
/// with waitpid. Foundation's Process passes on the test runner's blocked signals (a Mosquitto
/// started that way ignored SIGTERM and could not save its sessions), and its waitUntilExit spins
/// a run loop that was seen to hang on a concurrency thread.
public final class ChildProcess {
    public let pid: pid_t
    private var exited = false

    public init(_ executable: String, _ arguments: [String], output: URL, environment: [String: String]? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // Nothing else of ours may reach the child: one holding a copy of a test server's accepted
        // socket keeps that connection open after the server closed it (seen: keep-alive tests
        // never saw EOF). posix_spawn keeps every descriptor without FD_CLOEXEC, and glibc's
        // addclosefrom_np is not visible to Swift, so a shell closes them in the child and execs.
        let closeAll = "for fd in $(ls /proc/$$/fd); do [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\" 2>/dev/null; done; exec \"$0\" \"$@\""
        let shell = "/bin/bash"
        let argv = ([shell, "-c", closeAll, executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        let rc = envp.map { posix_spawn(&child, shell, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&child, shell, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        pid = child
    }

    public var isRunning: Bool {
        guard !exited else { return false }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid || rc == -1 { exited = true }
        return !exited
    }

    /// Sends `signal`, waits up to `seconds` (sleeping, so no concurrency thread is held), then
    /// SIGKILLs and waits for that.
    public func stop(_ signal: Int32 = SIGTERM, seconds: Double = 10) async {
        guard isRunning else { return }
        kill(pid, signal)
        for _ in 0..<Int(seconds * 100) where isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        if isRunning {
            kill(pid, SIGKILL)
            for _ in 0..<500 where isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
    }

    /// Waits for the exit (up to `seconds`) and returns the status, or nil if still running.
    public func wait(seconds: Double = 60) async -> Int32? {
        for _ in 0..<Int(seconds * 100) {
            var status: Int32 = 0
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid {
                exited = true
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            if rc == -1 { exited = true; return -1 }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// A child still running when forgotten is killed and reaped on a thread of its own: a deinit
    /// may run on a concurrency thread, which must not wait.
    deinit {
        guard !exited else { return }
        let pid = pid
        kill(pid, SIGKILL)
        Thread.detachNewThread {
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }
}
