import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Authenticates the caller of a route and enforces its declared access.
///
/// Credentials: `Authorization: Bearer <JWT or atr_… key>` or `X-API-Key: atr_…`.
/// A missing credential is a plain 401 (not audited, so anonymous floods
/// cannot grow the audit log); a bad credential and a refused permission
/// are audited.
public struct AccessGuard: Sendable {
    public let auth: AuthService

    public init(auth: AuthService) {
        self.auth = auth
    }

    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    static func credential(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            return bearerToken(authorization)
        }
        return request.headers[apiKeyHeader]
    }

    /// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive,
    /// spaces or tabs around the token ignored), or nil for any other scheme.
    ///
    /// Works on UTF-8 bytes: Foundation's `trimmingCharacters` bridges through
    /// NSString on Linux and was the largest single cost of an authenticated GET
    /// in the tools/bench-auth profile.
    static func bearerToken(_ value: String) -> String? {
        let bytes = value.utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var index = bytes.startIndex
        while index != bytes.endIndex, isBlank(bytes[index]) { index = bytes.index(after: index) }
        let schemeStart = index
        while index != bytes.endIndex, !isBlank(bytes[index]) { index = bytes.index(after: index) }
        let scheme = bytes[schemeStart..<index]
        guard scheme.count == 6,
              zip(scheme, "bearer".utf8).allSatisfy({ ($0 | 0x20) == $1 }) else { return nil }
        while index != bytes.endIndex, isBlank(bytes[index]) { index = bytes.index(after: index) }
        var end = bytes.endIndex
        while end != index, isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard index != end else { return nil }
        return String(Substring(value.utf8[index..<end]))
    }

    static func unauthorized() -> APIError {
        APIError(ProblemDetails(status: .unauthorized, detail: "Missing or invalid credentials."),
                 headers: [.wwwAuthenticate: "Bearer realm=\"atrium\""])
    }

    /// Establishes the principal (if any is required) and checks the permission.
    public func check(_ access: RouteAccess, request: Request, context: inout AtriumRequestContext) async throws {
        if case .public = access { return }
        guard let credential = Self.credential(request), !credential.isEmpty else { throw Self.unauthorized() }
        let principal: Principal
        do {
            principal = try await auth.authenticate(bearer: credential, context: context.auditContext(request))
        } catch SecurityError.unauthenticated {
            throw Self.unauthorized()
        }
        context.principal = principal
        if case .requires(let permission) = access, !principal.hasAnywhere(permission) {
            await auth.auditDenied(permission, action: "\(request.method.rawValue) \(Self.auditPath(request.uri.path))",
                                   principal: principal, context: context.auditContext(request))
            throw APIError(.forbidden, detail: "You do not have the \(permission.rawValue) permission.")
        }
    }

    /// The path as the audit log records it: ids in lower case, however the client spelled them,
    /// so an auditor searching for an id finds every row that names it.
    static func auditPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { UUID(uuidString: String($0)) != nil ? $0.lowercased() : String($0) }
            .joined(separator: "/")
    }
}
