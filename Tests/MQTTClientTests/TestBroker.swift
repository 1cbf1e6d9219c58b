import Foundation

/// A private Mosquitto on a free loopback port, with persistence, for tests that stop, restart
/// or withhold the broker. Anonymous access: these tests are about delivery, not credentials.
final class TestBroker {
    static let executable = "/usr/sbin/mosquitto"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let directory: URL
    let port: Int
    private var process: ChildProcess?

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-mqtt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("db"), withIntermediateDirectories: true)
        port = Self.freePort()
        let root = getuid() == 0 ? "user root\n" : ""
        let conf = """
            listener \(port) 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location \(directory.path)/db/
            max_queued_messages 10000000
            max_inflight_messages 1000
            log_type all
            \(root)
            """
        try conf.write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
    }

    var url: String { "mqtt://127.0.0.1:\(port)" }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func start() async throws {
        let log = directory.appendingPathComponent("mosquitto.log")
        process = try ChildProcess(Self.executable, ["-c", directory.appendingPathComponent("mosquitto.conf").path], output: log)
        for _ in 0..<150 {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "mosquitto did not start on \(port)"])
    }

    /// SIGTERM: Mosquitto saves its persistence file (sessions, queued messages) on the way out.
    func stop() {
        process?.stop(SIGTERM)
        process = nil
    }

    func kill9() {
        process?.stop(SIGKILL)
        process = nil
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
