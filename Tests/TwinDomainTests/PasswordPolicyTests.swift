import Testing
import TwinDomain

@Suite("Password policy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test func acceptsALongPassphrase() {
        #expect(policy.violations(password: "violet staple river 42", userName: "ana").isEmpty)
    }

    @Test func rejectsShort() {
        #expect(policy.violations(password: "short1!", userName: "ana") == [.tooShort])
    }

    @Test func rejectsUserName() {
        #expect(policy.violations(password: "Maintenance.Lead", userName: "maintenance.lead").contains(.equalsUserName))
    }

    @Test(arguments: ["password1234", "Password1234", "123456789012", "qwerty123456", "correcthorsebatterystaple"])
    func rejectsCommon(password: String) {
        #expect(policy.violations(password: password, userName: "ana").contains(.common))
    }

    @Test func countsCharactersNotBytesButCapsBytesForBcrypt() {
        // 12 characters, 24 bytes: long enough.
        #expect(policy.violations(password: String(repeating: "é", count: 12), userName: "ana").isEmpty)
        // bcrypt ignores bytes after 72: refuse rather than silently truncate.
        #expect(policy.violations(password: String(repeating: "a", count: 73), userName: "ana") == [.tooLong])
    }
}
