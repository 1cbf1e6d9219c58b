import Testing
@testable import TwinAPI

@Suite("Authorization header parsing")
struct BearerTokenParsingTests {
    @Test func acceptsTheBearerSchemeInAnyCase() {
        #expect(AccessGuard.bearerToken("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(AccessGuard.bearerToken("bearer abc") == "abc")
        #expect(AccessGuard.bearerToken("BEARER abc") == "abc")
        #expect(AccessGuard.bearerToken("  Bearer \t abc \t ") == "abc")
    }

    @Test func refusesOtherSchemesAndEmptyTokens() {
        #expect(AccessGuard.bearerToken("Basic YWxhZGRpbjpvcGVuc2VzYW1l") == nil)
        #expect(AccessGuard.bearerToken("Bearerabc") == nil)
        #expect(AccessGuard.bearerToken("Bearer") == nil)
        #expect(AccessGuard.bearerToken("Bearer   ") == nil)
        #expect(AccessGuard.bearerToken("") == nil)
        #expect(AccessGuard.bearerToken("Bear abc") == nil)
        #expect(AccessGuard.bearerToken("Beärer abc") == nil)
    }
}
