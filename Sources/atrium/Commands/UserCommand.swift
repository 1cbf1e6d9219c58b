import ArgumentParser
import Foundation
import Logging
import TwinDomain
import TwinServices
import TwinStore

/// `atrium user add|passwd|disable|enable|grant|revoke`: scriptable account
/// administration straight against the database (`ATRIUM_DATABASE_URL`).
///
/// Runs through the same `UserAdminService`/`ChangeGateway` path as the REST
/// API, so every change is audited; the actor is `system` named after the OS user.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage Atrium accounts (audited).",
        subcommands: [UserAddCommand.self, UserPasswdCommand.self, UserDisableCommand.self, UserEnableCommand.self,
                      UserGrantCommand.self, UserRevokeCommand.self]
    )
}

/// Options shared by the `atrium user` subcommands.
struct UserCommandOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (ATRIUM_DATABASE_URL).")
    var databaseURL: String?

    /// Opens the database, builds the services and runs `body` with a system principal.
    func run(_ body: @Sendable (UserAdminService, any SecurityStore, Principal) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try CommandDatabase.open(databaseURL, label: "atrium.user", environment: environment)
        let logger = database.logger
        var settings = AuthSettings()
        if let raw = environment["ATRIUM_BCRYPT_COST"], let cost = UInt8(raw), (4...31).contains(cost) { settings.bcryptCost = cost }
        let store = PostgresSecurityStore(database: database, hasher: SHA256AuditChainHasher())
        let service = UserAdminService(store: store, settings: settings, logger: logger)
        let actor = "cli:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
        try await database.whileRunning {
            do {
                try await body(service, store, Principal.system(name: actor))
            } catch let error as SecurityError {
                throw ValidationError(Self.describe(error))
            }
        }
    }

    static func describe(_ error: SecurityError) -> String {
        switch error {
        case .invalid(let problems): return problems.joined(separator: "; ")
        case .notFound: return "no such user or grant"
        case .conflict(let what): return what
        case .forbidden, .unauthenticated, .throttled: return "refused"
        }
    }

    static func findUser(_ name: String, in store: any SecurityStore) async throws -> UserRecord {
        guard let user = try await store.userForLogin(name: name) else { throw ValidationError("no user named \(name)") }
        return user
    }

    /// Reads one line from standard input: the password never appears in argv or the environment.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("expected the password on standard input")
        }
        return line
    }

    static func target(site: String?, building: String?) throws -> GrantTarget {
        func uuid(_ text: String, _ what: String) throws -> UUID {
            guard let id = UUID(uuidString: text) else { throw ValidationError("\(what) must be a UUID") }
            return id
        }
        switch (site, building) {
        case (nil, nil): return .global
        case (let site?, nil): return .site(try uuid(site, "--site"))
        case (let site?, let building?): return .building(try uuid(building, "--building"), site: try uuid(site, "--site"))
        case (nil, _?): throw ValidationError("--building needs --site")
        }
    }

    static func role(_ name: String) throws -> Role {
        guard let role = Role(rawValue: name) else {
            throw ValidationError("unknown role \(name); one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return role
    }
}

struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a user with a first grant.")
    @Argument var name: String
    @Option var role: String
    @Option(help: "Site UUID (omit for a global grant).") var site: String?
    @Option(help: "Building UUID (needs --site).") var building: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        guard passwordStdin else { throw ValidationError("pass --password-stdin and the password on standard input") }
        let password = try UserCommandOptions.readPassword()
        let grant = (try UserCommandOptions.role(role), try UserCommandOptions.target(site: site, building: building))
        try await options.run { users, _, system in
            let view = try await users.createUser(name: name, password: password, initialGrant: grant, by: system, context: AuditContext())
            print("created \(view.name) \(view.id.uuidString.lowercased())")
        }
    }
}

struct UserPasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password (revokes sessions).")
    @Argument var name: String
    @Flag(name: .customLong("password-stdin")) var passwordStdin = false
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        guard passwordStdin else { throw ValidationError("pass --password-stdin and the password on standard input") }
        let password = try UserCommandOptions.readPassword()
        try await options.run { users, store, system in
            let user = try await UserCommandOptions.findUser(name, in: store)
            try await users.setPassword(userID: user.id, password: password, by: system, context: AuditContext())
            print("password changed for \(user.name)")
        }
    }
}

struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a user at once.")
    @Argument var name: String
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        try await options.run { users, store, system in
            let user = try await UserCommandOptions.findUser(name, in: store)
            _ = try await users.setDisabled(userID: user.id, disabled: true, by: system, context: AuditContext())
            print("disabled \(user.name)")
        }
    }
}

struct UserEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Re-enable a disabled user.")
    @Argument var name: String
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        try await options.run { users, store, system in
            let user = try await UserCommandOptions.findUser(name, in: store)
            _ = try await users.setDisabled(userID: user.id, disabled: false, by: system, context: AuditContext())
            print("enabled \(user.name)")
        }
    }
}

struct UserGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "Grant a role globally, on a site or a building.")
    @Argument var name: String
    @Option var role: String
    @Option var site: String?
    @Option var building: String?
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        let role = try UserCommandOptions.role(role)
        let target = try UserCommandOptions.target(site: site, building: building)
        try await options.run { users, store, system in
            let user = try await UserCommandOptions.findUser(name, in: store)
            _ = try await users.grant(userID: user.id, role: role, target: target, by: system, context: AuditContext())
            print("granted \(role.rawValue) to \(user.name)")
        }
    }
}

struct UserRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a role grant.")
    @Argument var name: String
    @Option var role: String
    @Option var site: String?
    @Option var building: String?
    @OptionGroup var options: UserCommandOptions

    func run() async throws {
        let role = try UserCommandOptions.role(role)
        let target = try UserCommandOptions.target(site: site, building: building)
        try await options.run { users, store, system in
            let user = try await UserCommandOptions.findUser(name, in: store)
            guard let grant = user.grants.first(where: { $0.role == role && $0.target == target }) else {
                throw ValidationError("\(user.name) has no such grant")
            }
            _ = try await users.revoke(userID: user.id, grantID: grant.id, by: system, context: AuditContext())
            print("revoked \(role.rawValue) from \(user.name)")
        }
    }
}
