import Foundation
import Testing
@testable import TwinServices

@Suite("Webhook signatures and retry schedule")
struct WebhookSignatureTests {
    @Test("HMAC-SHA256 over \"timestamp.body\", as Python's hmac computes it; verification is exact")
    func signature() {
        let body = Array(#"{"a":1}"#.utf8)
        let signature = WebhookSignature.sign(body: body, timestamp: 1_800_000_000, secret: "whsec_test_secret_0123")
        #expect(signature == "sha256=58fb60264bd147956d4c7c5e838b5fd1700db1920b7450bbd81a07ad16d9a0e8")
        #expect(WebhookSignature.verify(signature, body: body, timestamp: 1_800_000_000, secret: "whsec_test_secret_0123"))
        #expect(!WebhookSignature.verify(signature, body: body, timestamp: 1_800_000_001, secret: "whsec_test_secret_0123"))
        #expect(!WebhookSignature.verify(signature, body: Array(#"{"a":2}"#.utf8), timestamp: 1_800_000_000, secret: "whsec_test_secret_0123"))
        #expect(!WebhookSignature.verify("sha256=00", body: body, timestamp: 1_800_000_000, secret: "whsec_test_secret_0123"))
    }
}
