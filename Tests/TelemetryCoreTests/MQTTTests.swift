import Foundation
import Testing
import TelemetryCore

@Suite("MQTT payloads")
struct MQTTPayloadDecoderTests {
    let decoder = MQTTPayloadDecoder()
    let key = PointKey.id(pointA)

    func decode(_ s: String) -> TelemetryBatch { decoder.decode(bytes(s), key: key) }

    @Test func bareValues() {
        #expect(decode("21.5").readings == [DecodedReading(key: key, value: 21.5)])
        #expect(decode("  -3e2 \r\n").readings.map(\.value) == [-300])
        #expect(decode("+.5").readings.map(\.value) == [0.5])
        #expect(decode("true").readings.map(\.value) == [1])
        #expect(decode(" false\n").readings.map(\.value) == [0])
    }

    @Test func objectsAndArrays() {
        let o = decode(#" {"value": 22.5, "ts": "2024-05-01T12:00:00Z", "unit": "°C", "quality": "good", "point": "ignored"} "#)
        #expect(o.readings == [DecodedReading(key: key, timeMicros: 1_714_564_800_000_000, value: 22.5, unit: "°C")])
        let a = decode(#"[1, 2.5, {"value": 3, "ts": 1714564800}, true, NaN, "4", [5], {"ts": 1}]"#)
        #expect(a.readings.map(\.value) == [1, 2.5, 3, 1])
        #expect(a.errorSummaries == [
            "1:48 4 value non_finite_value: value is not a finite number",
            "1:53 5 value invalid_value: value must be a JSON number, not the string \"4\"",
            "1:58 6 - not_an_object: item is an array, not a number or an object",
            "1:63 7 value missing_field: value is missing",
        ])
    }

    @Test func itemAndDocumentErrors() {
        #expect(decode("NaN").errorSummaries == ["1:1 0 value non_finite_value: value is not a finite number"])
        #expect(decode("-Infinity").errors.first?.code == .nonFiniteValue)
        #expect(decode("\"21.5\"").errorSummaries
            == ["1:1 0 value invalid_value: payload is a JSON string \"\\\"21.5\\\"\"; publish the number itself"])
        #expect(decode("21.5 C").errorSummaries
            == ["1:1 0 value invalid_value: payload is not a number, true/false, an object or an array: \"21.5 C\""])
        #expect(decode("").errorSummaries == ["1:1 0 value invalid_value: payload is empty"])
        #expect(decode("1e999").errors.first?.code == .valueOutOfRange)
        #expect(decode("null").errors.first?.code == .invalidValue)
        #expect(decode(#"{"value": 1"#).documentError?.summary == "1:12 - - syntax: unexpected end of input; expected ',' or '}' after a field")
        #expect(decode(#"{"value": 1} 2"#).documentError?.summary == "1:14 - - syntax: unexpected '2' after the payload")
        #expect(MQTTPayloadDecoder(limits: .init(maxBytes: 3)).decode(bytes("21.5"), key: key).documentError?.code == .limitExceeded)
    }

    @Test func decodingIntoOneBatchKeepsEarlierMessages() {
        var batch = TelemetryBatch()
        for payload in ["1", "{\"value\":2}", "[3, 4", "5"] {
            bytes(payload).withUnsafeBytes { decoder.decode($0, key: key, into: &batch) }
        }
        #expect(batch.readings.map(\.value) == [1, 2, 5])
        #expect(batch.documentError?.code == .syntax)
        batch.removeAll()
        #expect(batch.readings.isEmpty && batch.itemCount == 0)
    }
}

@Suite("MQTT topic templates")
struct MQTTTopicTemplateTests {
    @Test func filterAndMatch() throws {
        let t = try MQTTTopicTemplate("dc/{site}/{building}/{asset}/{quantity}")
        #expect(t.subscriptionFilter == "dc/+/+/+/+")
        #expect(t.variables == ["site", "building", "asset", "quantity"])
        #expect(t.match("dc/fra1/b2/crah-07/temperature") == ["site": "fra1", "building": "b2", "asset": "crah-07", "quantity": "temperature"])
        #expect(t.match("dc/fra1/b2/crah-07") == nil)
        #expect(t.match("dc/fra1/b2/crah-07/temperature/x") == nil)
        #expect(t.match("dc/fra1//crah-07/temperature") == nil)
        #expect(t.match("xx/fra1/b2/crah-07/temperature") == nil)
        #expect(t.match("dc/fra1/b2/crah-07/") == nil)
        #expect(t.match("dc/fra1/b2/crah+07/temperature") == nil)
        #expect(t.match("dc/fra1/b2/crah-07/temp\u{0}") == nil)
        #expect(t.match("dc/" + String(repeating: "a", count: 1_100) + "/b/c/d") == nil)
        #expect(t.match([0x64, 0x63, 0x2F, 0xFF, 0x2F, 0x62, 0x2F, 0x63, 0x2F, 0x64] as [UInt8]) == nil)
        #expect(t.match("dc/fränkfurt/b/c/d")?["site"] == "fränkfurt")
    }

    @Test func prefixedVariables() throws {
        let t = try MQTTTopicTemplate("site/{site}/sensor-{asset}_raw/{quantity}")
        #expect(t.subscriptionFilter == "site/+/+/+")
        #expect(t.match("site/a/sensor-42_raw/humidity") == ["site": "a", "asset": "42", "quantity": "humidity"])
        #expect(t.match("site/a/sensor-_raw/humidity") == nil)
        #expect(t.match("site/a/probe-42_raw/humidity") == nil)
        #expect(t.match("site/a/sensor-42/humidity") == nil)
    }

    @Test func literalOnlyTemplate() throws {
        let t = try MQTTTopicTemplate("dc/fra1/temp")
        #expect(t.subscriptionFilter == "dc/fra1/temp")
        #expect(t.match("dc/fra1/temp") == [:])
    }

    @Test(arguments: [
        ("", MQTTTopicTemplateError.empty),
        ("dc//{site}", .emptyLevel(index: 1)),
        ("/dc/{site}", .emptyLevel(index: 0)),
        ("dc/{site}/", .emptyLevel(index: 2)),
        ("dc/+/{site}", .wildcardInLiteral(level: "+")),
        ("dc/{site}/#", .wildcardInLiteral(level: "#")),
        ("dc/a+{site}", .wildcardInLiteral(level: "a+{site}")),
        ("dc/{site", .unbalancedBrace(level: "{site")),
        ("dc/site}", .unbalancedBrace(level: "site}")),
        ("dc/{a}{b}", .unbalancedBrace(level: "{a}{b}")),
        ("dc/{}", .invalidVariableName("")),
        ("dc/{9x}", .invalidVariableName("9x")),
        ("dc/{colour}", .unknownVariable("colour")),
        ("dc/{site}/{site}", .duplicateVariable("site")),
        ("dc/a\u{0}", .invalidCharacter(level: "a\u{0}")),
    ])
    func refusesBadTemplates(_ text: String, _ error: MQTTTopicTemplateError) {
        #expect(throws: error) { try MQTTTopicTemplate(text) }
    }

    @Test func customVariables() throws {
        let t = try MQTTTopicTemplate("plant/{colour}", allowedVariables: nil)
        #expect(t.match("plant/red") == ["colour": "red"])
        #expect(throws: MQTTTopicTemplateError.tooLong(1_100)) { try MQTTTopicTemplate(String(repeating: "a", count: 1_100)) }
    }
}
