import Testing
@testable import TwinStore

@Suite("PostgreSQL URL parsing")
struct PostgresURLTests {
    @Test func parsesFullURL() throws {
        let url = try PostgresURL("postgres://atrium:s%40cret@db.example:6543/twin?sslmode=require")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.username == "atrium")
        #expect(url.password == "s@cret")
        #expect(url.database == "twin")
        #expect(url.tlsMode == .require)
        #expect(!url.redacted.contains("cret"))
    }

    @Test func defaultsDatabaseToUserAndPortTo5432() throws {
        let url = try PostgresURL("postgresql://alice@localhost")
        #expect(url.port == 5432)
        #expect(url.database == "alice")
        #expect(url.tlsMode == .prefer)
    }

    @Test func rejectsWhatCannotWork() {
        #expect(throws: PostgresURLError.self) { try PostgresURL("mysql://a@b/c") }
        #expect(throws: PostgresURLError.self) { try PostgresURL("postgres://host/db") }
        #expect(throws: PostgresURLError.self) { try PostgresURL("postgres://a@b/c?sslmode=maybe") }
        #expect(throws: PostgresURLError.self) { try PostgresURL("not a url at all") }
    }
}
