import Foundation

/// A private Mosquitto on a free loopback port, with persistence, for tests that stop, restart
/// or withhold the broker. Anonymous unless given a user, then only that user (password file).
public final class TestBroker {
    public static let executable = "/usr/sbin/mosquitto"
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    public let directory: URL
    public let port: Int
    let credentials: (user: String, password: String)?
    private var process: ChildProcess?

    public init(user: String? = nil, password: String? = nil) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-mqtt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("db"), withIntermediateDirectories: true)
        port = LoopbackPort.free()
        let root = getuid() == 0 ? "user root\n" : ""
        credentials = user.map { ($0, password ?? "") }
        var access = "allow_anonymous true"
        if let (user, password) = credentials {
            let file = directory.appendingPathComponent("passwords")
            let tool = try ChildProcess("/usr/bin/mosquitto_passwd", ["-b", "-c", file.path, user, password],
                                        output: directory.appendingPathComponent("passwd.log"))
            guard await tool.wait(seconds: 30) == 0 else { throw CocoaError(.fileWriteUnknown) }
            access = "allow_anonymous false\npassword_file \(file.path)"
        }
        let conf = """
            listener \(port) 127.0.0.1
            \(access)
            persistence true
            persistence_location \(directory.path)/db/
            max_queued_messages 10000000
            max_inflight_messages 1000
            log_type all
            \(root)
            """
        try conf.write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
    }

    /// With the credentials, percent-encoded.
    public var url: String {
        guard let (user, password) = credentials else { return "mqtt://127.0.0.1:\(port)" }
        let allowed = CharacterSet.alphanumerics
        return "mqtt://\(user.addingPercentEncoding(withAllowedCharacters: allowed)!):"
            + "\(password.addingPercentEncoding(withAllowedCharacters: allowed)!)@127.0.0.1:\(port)"
    }

    public func start() async throws {
        let log = directory.appendingPathComponent("mosquitto.log")
        process = try ChildProcess(Self.executable, ["-c", directory.appendingPathComponent("mosquitto.conf").path], output: log)
        for _ in 0..<150 {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "mosquitto did not start on \(port)"])
    }

    /// SIGTERM: Mosquitto saves its persistence file (sessions, queued messages) on the way out.
    public func stop() async {
        await process?.stop(SIGTERM)
        process = nil
    }

    public func kill9() async {
        await process?.stop(SIGKILL)
        process = nil
    }

    public static func accepts(port: Int) -> Bool {
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

    /// The process (if still running) is killed by its own deinit; the files go now.
    deinit {
        process = nil
        try? FileManager.default.removeItem(at: directory)
    }
}
