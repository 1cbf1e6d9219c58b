import Foundation
import Testing
import TelemetryCore

@Suite("JSON batch decoder")
struct TelemetryJSONDecoderTests {
    let decoder = TelemetryJSONDecoder()

    @Test func envelopeHappyPath() throws {
        let json = """
        {"source": "bms-1", "readings": [
          {"point": "6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61", "ts": "2024-05-01T12:00:00.250Z", "value": 21.5, "unit": "degC"},
          {"key": "AHU-1/SAT", "ts": 1714564800, "value": -3, "quality": "uncertain", "extra": {"nested": [1, 2, {"a": null}]}},
          {"external_key": "rack7.pdu.a", "ts": 1714564800123, "value": true},
          {"point": "6F1C2B9E-0D4A-4C1E-9A57-3B2D8E4F5A61", "ts": 1714564800123456, "value": 0.5e1, "unit": "kW", "quality": "BAD"}
        ], "sent_at": "x"}
        """
        let b = decoder.decode(bytes(json))
        #expect(b.documentError == nil)
        #expect(b.errors.isEmpty)
        #expect(b.itemCount == 4 && b.rejectedCount == 0)
        #expect(b.readings == [
            DecodedReading(key: .id(pointA), timeMicros: 1_714_564_800_250_000, value: 21.5, unit: "°C"),
            DecodedReading(key: .externalKey("AHU-1/SAT"), timeMicros: 1_714_564_800_000_000, value: -3, quality: .uncertain),
            DecodedReading(key: .externalKey("rack7.pdu.a"), timeMicros: 1_714_564_800_123_000, value: 1),
            DecodedReading(key: .id(pointA), timeMicros: 1_714_564_800_123_456, value: 5, unit: "kW", quality: .bad),
        ])
    }

    @Test func bareArrayAndEmptyForms() {
        #expect(decoder.decode(bytes(#"[{"key":"k","value":1}]"#)).readings.count == 1)
        let empty = decoder.decode(bytes(" [ ] "))
        #expect(empty.documentError == nil && empty.readings.isEmpty && empty.itemCount == 0)
        #expect(decoder.decode(bytes(#"{"readings":[]}"#)).documentError == nil)
        // A byte order mark is tolerated.
        #expect(decoder.decode([0xEF, 0xBB, 0xBF] + bytes(#"[{"key":"k","value":1}]"#)).readings.count == 1)
    }

    @Test func numericTimestampRule() {
        let json = """
        [{"key":"s","ts":1714564800.5,"value":1},{"key":"ms","ts":1714564800500,"value":1},
         {"key":"us","ts":1714564800500000,"value":1},{"key":"e","ts":1.7145648005e9,"value":1},
         {"key":"neg","ts":-1.5,"value":1},{"key":"null","ts":null,"value":1}]
        """
        let b = decoder.decode(bytes(json))
        #expect(b.readings.map(\.timeMicros) == [1_714_564_800_500_000, 1_714_564_800_500_000, 1_714_564_800_500_000,
                                                 1_714_564_800_500_000, -1_500_000, nil])
    }

    @Test func itemErrorsCarryPositionsAndDoNotSpoilOthers() {
        let json = """
        {"readings": [
          {"point": "6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61", "value": 1},
          {"point": "6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61", "value": NaN},
          {"key": "k", "value": "12.5"},
          {"key": "k", "value": -Infinity},
          {"key": "k", "value": 1e400},
          {"key": "k", "value": null},
          {"key": "k"},
          {"value": 1},
          {"point": "not-a-uuid", "value": 1},
          {"point": "6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61", "key": "k", "value": 1},
          {"key": "k", "value": 1, "value": 2},
          {"key": "k", "value": 1, "ts": "2023-02-29T00:00:00Z"},
          {"key": "k", "value": 1, "ts": "2024-01-01T00:00:00"},
          {"key": "k", "value": 1, "unit": "furlongs"},
          {"key": "k", "value": 1, "quality": "great"},
          {"key": "", "value": 1},
          {"key": 12, "value": 1},
          42,
          {"key": "k", "value": [1]},
          {"key": "k", "value": 1, "ts": 1e300},
          {"key": "k", "value": 1, "ts": Infinity},
          {"key": "k", "value": 1, "unit": 5},
          {"key": "ok", "value": 2}
        ]}
        """
        let b = decoder.decode(bytes(json))
        #expect(b.documentError == nil)
        #expect(b.readings.map(\.key) == [.id(pointA), .externalKey("ok")])
        #expect(b.itemCount == 23 && b.rejectedCount == 21)
        #expect(b.errorSummaries == [
            "3:62 1 value non_finite_value: value is not a finite number",
            "4:25 2 value invalid_value: value must be a JSON number, not the string \"12.5\"",
            "5:25 3 value non_finite_value: value is not a finite number",
            "6:25 4 value value_out_of_range: value \"1e400\" is too large for a double",
            "7:25 5 value invalid_value: value is null",
            "8:3 6 value missing_field: value is missing",
            "9:3 7 point missing_field: point (a UUID) or key is missing",
            "10:13 8 point invalid_point: point is not a UUID: \"not-a-uuid\"",
            "11:3 9 key conflicting_fields: give either point or key, not both",
            "12:37 10 value duplicate_field: value is given more than once",
            "13:34 11 ts invalid_timestamp: ts \"2023-02-29T00:00:00Z\" is not an RFC 3339 date-time: 2023-02-29 does not exist",
            "14:34 12 ts invalid_timestamp: ts \"2024-01-01T00:00:00\" is not an RFC 3339 date-time: no UTC offset (add Z or ±hh:mm)",
            "15:36 13 unit unknown_unit: unknown unit \"furlongs\"",
            "16:39 14 quality invalid_quality: quality must be good, uncertain or bad, not \"great\"",
            "17:11 15 key invalid_key: key is empty",
            "18:11 16 key invalid_key: key must be a string, not a number",
            "19:3 17 - not_an_object: item is a number, not an object",
            "20:25 18 value invalid_value: value must be a number, not an array",
            "21:34 19 ts invalid_timestamp: ts \"1e300\" is outside years 0001–9999",
            "22:34 20 ts invalid_timestamp: ts is not a finite number",
            "23:36 21 unit invalid_unit: unit must be a string, not a number",
        ])
    }

    @Test func documentErrors() {
        func docError(_ s: String) -> String? {
            let b = decoder.decode(bytes(s))
            #expect(b.readings.isEmpty, "\(s)")
            return b.documentError?.summary
        }
        #expect(docError("") == "1:1 - - syntax: empty document; expected {\"readings\":[…]} or an array of readings")
        #expect(docError("42") == "1:1 - - syntax: expected {\"readings\":[…]} or an array of readings, found '4'")
        #expect(docError(#"{"data": []}"#) == "1:1 - - missing_field: the object has no \"readings\" array")
        #expect(docError(#"{"readings": {}}"#) == "1:14 - - syntax: \"readings\" must be an array")
        #expect(docError("[{\"key\":\"k\",\"value\":1},\n {\"key\":\"k\",\"value\":\"abc}]")
            == "2:21 - - syntax: unterminated string")
        #expect(docError("[{\"key\":\"k\",\"value\":1}") == "1:23 - - syntax: unexpected end of input; expected ',' or ']' after an item")
        #expect(docError("[{\"key\":\"k\",\"value\":1}] x") == "1:25 - - syntax: unexpected 'x' after the end of the document")
        #expect(docError("[{\"key\":\"k\",\"value\":01}]") == "1:21 - - syntax: leading zeros are not allowed in a number")
        #expect(docError("[{\"key\":\"k\",\"value\":1,}]") == "1:23 - - syntax: expected a field name in double quotes, found '}'")
        #expect(docError("[{\"key\":\"k\",\"value\":tru}]") == "1:21 - - syntax: unexpected word \"tru\"")
        #expect(docError("[{\"key\":\"k\u{1}\",\"value\":1}]") == "1:11 - - syntax: control character 0x01 in a string must be escaped")
        #expect(docError(#"[{"key":"\x","value":1}]"#) == "1:10 - - syntax: invalid escape \\'x' in a string")
        #expect(docError(#"{"readings":[], "readings":[]}"#) == "1:17 - - duplicate_field: \"readings\" is given more than once")
        // Items before the break are dropped too: a cut-off upload is refused whole.
        let cut = decoder.decode(bytes(#"[{"key":"k","value":1},{"key":"k","val"#))
        #expect(cut.readings.isEmpty && cut.documentError?.code == .syntax)
    }

    @Test func escapesInKeysAndStrings() {
        let json = #"[{"k\u0065y": "caf\u00e9 \ud83d\ude00 \"q\"", "value": 1, "unit": "\u00b0C"}, {"key": "\ud83d", "value": 1}]"#
        let b = decoder.decode(bytes(json))
        #expect(b.readings == [DecodedReading(key: .externalKey("café 😀 \"q\""), value: 1, unit: "°C")])
        #expect(b.errorSummaries == ["1:87 1 key invalid_encoding: key has an unpaired surrogate escape"])
    }

    @Test func keysMustBeUTF8WithoutControls() {
        let b = decoder.decode([0x5B, 0x7B] + bytes(#""key":""#) + [0xC3, 0x28] + bytes(#"","value":1},{"key":"a\nb","value":1}]"#))
        #expect(b.errors.map(\.code) == [.invalidEncoding, .invalidKey])
    }

    @Test func limits() {
        let item = #"{"key":"k","value":1}"#
        let three = "[" + [item, item, item].joined(separator: ",") + "]"
        let tooMany = TelemetryJSONDecoder(limits: .init(maxItems: 2)).decode(bytes(three))
        #expect(tooMany.documentError?.summary == "1:46 - - limit_exceeded: more than 2 items in one batch")
        #expect(tooMany.readings.isEmpty)
        #expect(TelemetryJSONDecoder(limits: .init(maxItems: 3)).decode(bytes(three)).readings.count == 3)

        let tooBig = TelemetryJSONDecoder(limits: .init(maxBytes: 10)).decode(bytes(three))
        #expect(tooBig.documentError?.summary == "1:1 - - limit_exceeded: the document is 67 bytes; the limit is 10")

        let long = String(repeating: "x", count: 257)
        let longKey = decoder.decode(bytes(#"[{"key":"\#(long)","value":1},{"key":"\#(long.dropLast())","value":1}]"#))
        #expect(longKey.errorSummaries == ["1:9 0 key string_too_long: key is 257 bytes long; the limit is 256"])
        #expect(longKey.readings.count == 1)
        // Strings of ignored fields are not limited.
        #expect(decoder.decode(bytes(#"[{"key":"k","note":"\#(long)\#(long)","value":1}]"#)).readings.count == 1)

        let deep = #"[{"key":"k","value":1,"x":[[[[[[[1]]]]]]]}]"#
        #expect(decoder.decode(bytes(deep)).documentError?.summary == "1:33 - - limit_exceeded: nesting deeper than 8 levels")
        #expect(TelemetryJSONDecoder(limits: .init(maxDepth: 9)).decode(bytes(deep)).readings.count == 1)
        let hostile = String(repeating: "[", count: 100_000)
        #expect(decoder.decode(bytes(hostile)).documentError?.code == .limitExceeded)

        var many = "["
        for i in 0..<1_500 { many += (i > 0 ? "," : "") + #"{"key":"k","value":"x"}"# }
        let capped = TelemetryJSONDecoder(limits: .init(maxErrors: 1_000)).decode(bytes(many + "]"))
        #expect(capped.errors.count == 1_000 && capped.rejectedCount == 1_500)
    }

    @Test func decodesData() {
        let data = Data(#"[{"key":"k","value":2.5}]"#.utf8)
        #expect(decoder.decode(data).readings.first?.value == 2.5)
    }
}
