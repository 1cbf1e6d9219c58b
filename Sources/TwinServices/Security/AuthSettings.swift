import Foundation
import TwinDomain

/// Tunables of authentication; defaults are production values.
public struct AuthSettings: Sendable {
    public var validation: JWTValidation
    public var accessTokenLifetime: TimeInterval
    public var refreshTokenLifetime: TimeInterval
    public var bcryptCost: UInt8
    public var passwordPolicy: PasswordPolicy

    public init(validation: JWTValidation = JWTValidation(), accessTokenLifetime: TimeInterval = 300,
                refreshTokenLifetime: TimeInterval = 30 * 24 * 3600, bcryptCost: UInt8 = 12,
                passwordPolicy: PasswordPolicy = .init()) {
        self.validation = validation
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.bcryptCost = bcryptCost
        self.passwordPolicy = passwordPolicy
    }
}
