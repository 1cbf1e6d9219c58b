/// The minimum password rules for Atrium accounts.
///
/// Deliberately small (length, not the user name, not a well-known password):
/// long passphrases beat composition rules. The 72-byte ceiling exists because
/// bcrypt silently ignores everything after byte 72, and control characters are
/// refused because bcrypt stops at a NUL (and the others are never typed on purpose).
public struct PasswordPolicy: Sendable {
    public enum Violation: String, Sendable, Hashable, CaseIterable {
        case tooShort = "password must be at least 12 characters"
        case tooLong = "password must be at most 72 bytes in UTF-8"
        case equalsUserName = "password must not equal the user name"
        case common = "password is too common"
        case controlCharacter = "password must not contain NUL or other control characters"
    }

    public var minimumLength: Int
    public static let maximumUTF8Bytes = 72

    public init(minimumLength: Int = 12) {
        self.minimumLength = minimumLength
    }

    public func violations(password: String, userName: String) -> [Violation] {
        var result: [Violation] = []
        // bcrypt takes a C string: everything after a NUL would be silently ignored.
        if ControlCharacters.first(in: password) != nil { result.append(.controlCharacter) }
        if password.count < minimumLength { result.append(.tooShort) }
        if password.utf8.count > Self.maximumUTF8Bytes { result.append(.tooLong) }
        let folded = password.lowercased()
        if folded == userName.lowercased() { result.append(.equalsUserName) }
        if Self.commonPasswords.contains(folded) { result.append(.common) }
        return result
    }

    /// Passwords of 12+ characters that show up at the top of breach corpora.
    static let commonPasswords: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123",
        "111111111111", "000000000000", "123123123123", "121212121212",
        "password1234", "password12345", "password123!", "passwordpassword",
        "qwertyuiopas", "qwerty123456", "qwertyuiop12", "qwertyuiop123",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "asdfghjkl123",
        "iloveyou1234", "letmein12345", "welcome12345", "changeme1234",
        "administrator", "admin1234567", "adminadmin12", "trustno1trustno1",
        "abc123456789", "abcdefghijkl", "football1234", "baseball1234",
        "sunshine1234", "princess1234", "monkey123456", "dragon123456",
        "superman1234", "starwars1234", "correcthorsebatterystaple",
        "p@ssw0rd1234", "passw0rd1234", "atrium123456", "atriumatrium",
    ]
}
