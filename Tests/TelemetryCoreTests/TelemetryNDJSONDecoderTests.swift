import Foundation
import Testing
import TelemetryCore

@Suite("NDJSON decoder")
struct TelemetryNDJSONDecoderTests {
    let decoder = TelemetryNDJSONDecoder()

    @Test func happyPathWithBlankLinesAndCRLF() {
        let text = "{\"point\":\"6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61\",\"ts\":\"2024-05-01T12:00:00Z\",\"value\":21.5}\r\n"
            + "\n   \n"
            + "{\"key\":\"AHU-1\",\"value\":false,\"unit\":\"bool\"}\n"
            + "{\"key\":\"x\",\"value\":3}"
        let b = decoder.decode(bytes(text))
        #expect(b.documentError == nil && b.errors.isEmpty)
        #expect(b.readings == [
            DecodedReading(key: .id(pointA), timeMicros: 1_714_564_800_000_000, value: 21.5),
            DecodedReading(key: .externalKey("AHU-1"), value: 0, unit: "bool"),
            DecodedReading(key: .externalKey("x"), value: 3),
        ])
    }

    @Test func eachLineStandsAlone() {
        let text = """
        {"key":"a","value":1}
        {"key":"b","value":
        {"key":"c","value":NaN}
        [1,2]
        {"key":"d","value":1} {"key":"e"}
        {"key":"f","value":"7"}
        {"key":"g","value":7}
        """
        let b = decoder.decode(bytes(text))
        #expect(b.documentError == nil)
        #expect(b.readings.map(\.key) == [.externalKey("a"), .externalKey("g")])
        #expect(b.errorSummaries == [
            "2:20 1 - syntax: unexpected end of input; expected a value",
            "3:20 2 value non_finite_value: value is not a finite number",
            "4:1 3 - not_an_object: line holds an array, not an object",
            "5:23 4 - syntax: unexpected '{' after the object",
            "6:20 5 value invalid_value: value must be a JSON number, not the string \"7\"",
        ])
    }

    @Test func limits() {
        let line = "{\"key\":\"k\",\"value\":1}\n"
        let b = TelemetryNDJSONDecoder(limits: .init(maxItems: 2)).decode(bytes(line + "\n" + line + line))
        #expect(b.documentError?.summary == "4:1 - - limit_exceeded: more than 2 lines in one batch")
        #expect(b.readings.isEmpty)
        let deep = decoder.decode(bytes(#"{"key":"k","value":1,"x":[[[[[[[[1]]]]]]]]}"# + "\n" + line))
        #expect(deep.errorSummaries == ["1:33 0 - limit_exceeded: nesting deeper than 8 levels"])
        #expect(deep.readings.count == 1)
        #expect(TelemetryNDJSONDecoder(limits: .init(maxBytes: 4)).decode(bytes(line)).documentError?.code == .limitExceeded)
    }
}
