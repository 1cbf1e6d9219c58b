import Foundation
import Testing
import TelemetryCore

@Suite("CSV decoder")
struct TelemetryCSVDecoderTests {
    let decoder = TelemetryCSVDecoder()

    @Test func happyPathAnyColumnOrder() {
        let csv = "Value, TS ,point,unit,quality,comment\r\n"
            + "21.5,2024-05-01T12:00:00Z,6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61,°F,good,\"first, with comma\"\r\n"
            + "-3.25,1714564800,6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61,,uncertain,\"multi\nline \"\"quoted\"\"\"\r\n"
            + "\r\n"
            + " 7 ,,00000000-0000-0000-0000-00000000000b,kW,,\r\n"
        let b = decoder.decode(bytes(csv))
        #expect(b.documentError == nil)
        #expect(b.errors.isEmpty, "\(b.errorSummaries)")
        #expect(b.readings == [
            DecodedReading(key: .id(pointA), timeMicros: 1_714_564_800_000_000, value: 21.5, unit: "°F"),
            DecodedReading(key: .id(pointA), timeMicros: 1_714_564_800_000_000, value: -3.25, quality: .uncertain),
            DecodedReading(key: .id(pointB), value: 7, unit: "kW"),
        ])
        #expect(b.itemIndexes == [0, 1, 2], "the blank line is not an item")
    }

    /// Each reading knows its input item, so a later stage can report the item the sender knows.
    @Test func itemIndexesSkipRefusedItems() {
        let csv = "external_key,value\na,1\nb,oops\nc,3\n"
        let b = decoder.decode(bytes(csv))
        #expect(b.readings.map(\.key) == [.externalKey("a"), .externalKey("c")])
        #expect(b.itemIndexes == [0, 2])
        #expect(b.errors.map(\.itemIndex) == [1])
    }

    @Test func keysAndFormulaLikeCellsAreText() {
        let csv = """
        external_key,value
        =cmd|' /C calc'!A0,1
        +SUM(A1),2
        @x,-4
        k,=1+2
        k,-1+2
        k,+5
        """
        let b = decoder.decode(bytes(csv))
        #expect(b.readings == [
            DecodedReading(key: .externalKey("=cmd|' /C calc'!A0"), value: 1),
            DecodedReading(key: .externalKey("+SUM(A1)"), value: 2),
            DecodedReading(key: .externalKey("@x"), value: -4),
            DecodedReading(key: .externalKey("k"), value: 5),
        ])
        #expect(b.errorSummaries == [
            "5:3 3 value invalid_value: value is not a number: \"=1+2\"",
            "6:3 4 value invalid_value: value is not a number: \"-1+2\"",
        ])
    }

    @Test func rowErrors() {
        let csv = """
        key,ts,value,unit
        a,,1
        b,,x,
        c,2023-02-29T00:00:00Z,1,
        d,abc,1,
        e,,NaN,
        f,,1,parsec
        g,,"1"x,
        h,,1e999,
        ,,1,
        i,,,
        j,1714564800000,1,"k""W"
        k,,2,
        """
        let b = decoder.decode(bytes(csv))
        #expect(b.readings.map(\.key) == [.externalKey("k")])
        #expect(b.itemCount == 12)
        #expect(b.errorSummaries == [
            "2:1 0 - wrong_field_count: row has 3 fields; the header has 4",
            "3:4 1 value invalid_value: value is not a number: \"x\"",
            "4:3 2 ts invalid_timestamp: ts \"2023-02-29T00:00:00Z\" is not an RFC 3339 date-time: 2023-02-29 does not exist",
            "5:3 3 ts invalid_timestamp: ts \"abc\" is not an RFC 3339 date-time: expected a four-digit year at character 1",
            "6:4 4 value non_finite_value: value is not a finite number",
            "7:6 5 unit unknown_unit: unknown unit \"parsec\"",
            "8:7 6 value syntax: unexpected text after a closing quote",
            "9:4 7 value value_out_of_range: value \"1e999\" is too large for a double",
            "10:1 8 key missing_field: point or key is empty",
            "11:4 9 value missing_field: value is empty",
            "12:19 10 unit unknown_unit: unknown unit \"k\"W\"",
        ].map { $0.replacingOccurrences(of: "\"k\"W\"", with: "\"k\\\"W\"") })
    }

    @Test func quotingProblems() {
        let b = decoder.decode(bytes("key,value\na\"b,1\nok,2\n\"unterminated,3\nlost,4\n"))
        #expect(b.readings.map(\.key) == [.externalKey("ok")])
        #expect(b.errorSummaries == [
            "2:2 0 key syntax: quote inside an unquoted field; quote the whole field",
            "4:1 2 key syntax: unterminated quoted field",
        ])
    }

    @Test func headerErrors() {
        func docError(_ s: String) -> String? { decoder.decode(bytes(s)).documentError?.summary }
        #expect(docError("") == "1:1 - - invalid_header: empty document; expected a header row")
        #expect(docError("\n\n") == "3:1 - - invalid_header: empty document; expected a header row")
        #expect(docError("key,ts\nk,1\n") == "1:1 - - invalid_header: the header has no value column")
        #expect(docError("ts,value\n1,1\n") == "1:1 - - invalid_header: the header has no point or key column")
        #expect(docError("key,value,Value\n") == "1:11 - - invalid_header: column value appears more than once")
        #expect(docError("key,external_key,value\n") == "1:5 - - invalid_header: column key appears more than once")
        #expect(docError("\"key,value\n") == "1:1 - - syntax: header: unterminated quoted field")
        let wide = (0..<65).map { "c\($0)" }.joined(separator: ",") + ",key,value\n"
        #expect(docError(wide) == "1:1 - - invalid_header: the header has 67 columns; the limit is 64")
    }

    @Test func bothPointAndKeyColumns() {
        let csv = "point,key,value\n6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61,,1\n,k,2\n6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61,k,3\n"
        let b = decoder.decode(bytes(csv))
        #expect(b.readings.map(\.key) == [.id(pointA), .externalKey("k")])
        #expect(b.errorSummaries == ["4:1 2 key conflicting_fields: give either point or key, not both"])
    }

    @Test func limits() {
        let b = TelemetryCSVDecoder(limits: .init(maxItems: 2)).decode(bytes("key,value\na,1\nb,2\nc,3\n"))
        #expect(b.documentError?.summary == "4:1 - - limit_exceeded: more than 2 rows in one batch")
        #expect(b.readings.isEmpty)
        #expect(TelemetryCSVDecoder(limits: .init(maxItems: 3)).decode(bytes("key,value\na,1\nb,2\nc,3\n")).readings.count == 3)
        let long = String(repeating: "x", count: 300)
        #expect(decoder.decode(bytes("key,value\n\(long),1\n")).errors.first?.code == .stringTooLong)
        #expect(decoder.decode(bytes("key,value\n\"a\"\"\(long)\",1\n")).errors.first?.code == .stringTooLong)
    }

    @Test func numbersInCells() {
        let b = decoder.decode(bytes("key,value\na,+1.5\nb,.5\nc,TRUE\nd,false\ne,-0\nf,1e3\n"))
        #expect(b.readings.map(\.value) == [1.5, 0.5, 1, 0, -0.0, 1000])
        #expect(b.readings[4].value.sign == .minus)
    }
}
