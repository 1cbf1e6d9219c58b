import Foundation
import PostgresNIO

/// A parsed `postgres://user:password@host:port/database?sslmode=…` URL.
///
/// Parsing is separate from connecting so configuration mistakes are reported at start-up
/// with the offending part named, and so the password never appears in logs (`redacted`).
public struct PostgresURL: Sendable, Equatable {
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// Set when the URL points at a Unix socket directory (`?host=/run/postgresql`).
    public var socketDirectory: String?

    public init(_ string: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: string),
              let scheme = components.scheme?.lowercased()
        else { throw .malformed("not a URL") }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .malformed("scheme must be postgres:// or postgresql://")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        if let explicit = components.port {
            guard (1...65535).contains(explicit) else { throw .malformed("port out of range") }
            port = explicit
        } else {
            port = 5432
        }
        guard let user = components.user, !user.isEmpty else {
            throw .malformed("a user name is required (postgres://USER@host/db)")
        }
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
        switch query["sslmode"]?.lowercased() {
        case nil, "", "prefer", "allow": tlsMode = .prefer
        case "disable": tlsMode = .disable
        case "require", "verify-ca", "verify-full": tlsMode = .require
        case let other?: throw .malformed("unsupported sslmode '\(other)'")
        }
    }

    /// The URL with the password replaced, safe for logs and error messages.
    public var redacted: String {
        let auth = password == nil ? username : "\(username):***"
        let location = socketDirectory.map { "?host=\($0)" } ?? ""
        return "postgres://\(auth)@\(host):\(port)/\(database)\(location)"
    }

    /// The same server with another database, e.g. for test databases created on the fly.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    public func clientConfiguration() -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)",
                username: username, password: password, database: database
            )
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database, tls: tls
            )
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

public enum PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let why): "invalid PostgreSQL URL: \(why)"
        }
    }
}
