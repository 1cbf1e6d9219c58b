import PostgresNIO

extension PostgresURL {
    /// The same server, user and TLS mode as ``clientConfiguration()``, for a single connection
    /// outside the pool (the change listener holds one for as long as it runs).
    /// `applicationName` shows in `pg_stat_activity`, so operators (and tests) can find it.
    public func connectionConfiguration(applicationName: String? = nil) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)",
                                  username: username, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        if let applicationName {
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        }
        return configuration
    }
}
