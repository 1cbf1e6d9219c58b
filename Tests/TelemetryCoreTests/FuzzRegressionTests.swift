import Foundation
import Testing
import TelemetryCore

/// Inputs found by fuzz/run, and edge cases next to them.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// fuzz-topic crash-e9ded94d: a combining mark right after '/' (U+064D) merges with the slash
    /// into one Character, so splitting the filter as a String miscounted levels. Levels are bytes.
    @Test func combiningMarkAfterSlash() throws {
        let template = try MQTTTopicTemplate("fc1/\u{64D}tem/{site}")
        #expect(template.subscriptionFilter.utf8.split(separator: 0x2F, omittingEmptySubsequences: false).count == 3)
        #expect(template.match("fc1/\u{64D}tem/x") == ["site": "x"])
        #expect(template.match("fc1/\u{64D}tem/\u{64D}") == ["site": "\u{64D}"])
    }

    @Test func absurdLimitsDoNotTrap() {
        let limits = TelemetryDecodeLimits(maxItems: -1, maxBytes: Int.max, maxStringLength: Int.max, maxDepth: Int.max, maxErrors: -5)
        let b = TelemetryJSONDecoder(limits: limits).decode(bytes(#"[{"key":"k","value":1}]"#))
        #expect(b.documentError?.code == .limitExceeded)
        #expect(TelemetryCSVDecoder(limits: limits).decode(bytes("key,value\nk,1\n")).documentError?.code == .limitExceeded)
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let deepLimits = TelemetryDecodeLimits(maxDepth: Int.max)
        #expect(TelemetryJSONDecoder(limits: deepLimits).decode(bytes(deep)).documentError?.message == "nesting deeper than 64 levels")
    }

    @Test func timestampsPastYear9999AreRefused() {
        let b = TelemetryJSONDecoder().decode(bytes(#"[{"key":"k","value":1,"ts":"9999-12-31T23:59:59-01:00"},{"key":"k","value":1,"ts":"0000-06-01T00:00:00Z"}]"#))
        #expect(b.errors.map(\.code) == [.invalidTimestamp, .invalidTimestamp])
        #expect(RFC3339Timestamp(seconds: .max, nanoseconds: 0).micros == .max)
    }

    @Test func emptyAndWhitespaceInputs() {
        for input in [[], [0x20], [0x0A, 0x0A], [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            #expect(TelemetryJSONDecoder().decode(input).documentError?.code == .syntax)
            let nd = TelemetryNDJSONDecoder().decode(input)
            #expect(nd.documentError == nil && nd.itemCount == 0)
            #expect(TelemetryCSVDecoder().decode(input).documentError?.code == .invalidHeader)
            #expect(MQTTPayloadDecoder().decode(input, key: .externalKey("t")).errors.first?.message == "payload is empty")
        }
        #expect(MQTTPayloadDecoder().decode(bytes("[]"), key: .externalKey("t")).itemCount == 0)
    }

    @Test func nulBytesAreSyntaxNotTruncation() {
        let b = TelemetryJSONDecoder().decode(bytes("[{\"key\":\"k\",\"value\":1}\u{0}]"))
        #expect(b.documentError?.message == "expected ',' or ']' after an item, found byte 0x00")
        let m = MQTTPayloadDecoder().decode(bytes("21.5\u{0}"), key: .externalKey("t"))
        #expect(m.errors.first?.code == .invalidValue)
    }
}
