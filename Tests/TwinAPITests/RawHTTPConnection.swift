#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension Array where Element: Equatable {
    func ends(with suffix: [Element]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}

/// A plain TCP socket for tests that must send what no HTTP client library would: control
/// characters, half a request head, nothing at all, or bytes at a crawl.
final class RawHTTPConnection: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw Failure.socket(errno)
        }
    }

    deinit { close(fd) }

    enum Failure: Error { case socket(Int32) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Blocking reads run on a thread of their own. Not on Dispatch's global queue: on Linux Swift's
    /// tasks run on those same threads (two on a 2-core machine), so a few reads blocked there
    /// starved the servers under test and their answers came seconds late.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    func readResponseHead(timeout: Double) async -> String {
        await offPool { self.blockingReadResponseHead(timeout: timeout) }
    }

    func readUntilClosed(timeout: Double) async -> (text: String, closed: Bool) {
        await offPool { self.blockingReadUntilClosed(timeout: timeout) }
    }

    /// Bytes up to the end of one response head (or whatever came before `timeout`).
    private func blockingReadResponseHead(timeout: Double) -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var byte: UInt8 = 0
        while deadline.timeIntervalSinceNow > 0, !received.ends(with: Array("\r\n\r\n".utf8)) {
            var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pollFD, 1, 1000) >= 0 else { break }
            if pollFD.revents == 0 { continue }
            guard recv(fd, &byte, 1, 0) == 1 else { break }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Everything the server sends until it closes the connection, or until `timeout` passes with
    /// the connection still open (then `closed` is false).
    private func blockingReadUntilClosed(timeout: Double) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return (String(decoding: received, as: UTF8.self), false) }
            var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollFD, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0, errno != EINTR { return (String(decoding: received, as: UTF8.self), true) }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received.append(contentsOf: buffer[0..<count])
        }
    }
}
