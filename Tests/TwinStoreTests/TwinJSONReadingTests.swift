import Foundation
import Testing
import TwinDomain
@testable import TwinStore

/// The hand-rolled `jsonb` reader must read exactly what `JSONDecoder` reads into
/// ``DocumentValue`` (it replaced it on the asset row path) and refuse what it refuses.
@Suite("TwinJSON reading")
struct TwinJSONReadingTests {
    static func decoded(_ text: String) -> DocumentValue? {
        try? JSONDecoder().decode(DocumentValue.self, from: Data(text.utf8))
    }

    @Test("same values as JSONDecoder", arguments: [
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"false"#, #"0"#, #"-0"#, #"42"#, #"-17"#, #"18.5"#, #"1.0"#, #"-0.0"#,
        #"1e3"#, #"1E-3"#, #"2.5e+10"#, #"9223372036854775807"#, #"-9223372036854775808"#, #"9223372036854775808"#,
        #"123456789012345678901234567890"#, #"0.1"#, #"1e300"#,
        #"{"model": "VX-110-2S-512G", "UHeight": 1, "WeightKg": 18.5, "ok": true, "none": null}"#,
        #"{"a": [1, 2.5, "x", {"b": []}], "c": {"d": {"e": [null]}}}"#,
        #"{"esc": "quote \" backslash \\ slash \/ nl \n tab \t cr \r bs \b ff \f"}"#,
        #"{"u": "\u00e9\u4e2d\ud83d\ude00 plain é 中 😀"}"#,
        #"{"dup": 1, "dup": 2}"#,
        "  {\n\t\"spaced\" : [ 1 , 2 ] }  ",
    ])
    func agreesWithJSONDecoder(text: String) throws {
        let expected = try #require(Self.decoded(text), "JSONDecoder reads \(text)")
        #expect(TwinJSON.parse(text) == expected, "\(text)")
    }

    @Test("refuses what is not JSON", arguments: [
        "", " ", "{", "}", "[1,", "[1 2]", #"{"a" 1}"#, #"{"a":}"#, #"{a: 1}"#, "01", "-", "1.", ".5", "1e", "+1",
        "tru", "nul", #""unterminated"#, "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud83d""#, #""\ud83d\u0041""#,
        "[1] x", "NaN", "Infinity",
    ])
    func refusesMalformed(text: String) {
        #expect(TwinJSON.parse(text) == nil, "\(text)")
    }

    @Test func objectsOnlyForPropertyMaps() {
        #expect(TwinJSON.parseObject(#"{"a": 1}"#) == ["a": .int(1)])
        #expect(TwinJSON.parseObject("[1]") == nil)
        #expect(TwinJSON.parseObject("1") == nil)
    }

    @Test func deepNestingIsLeftToTheFallback() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(TwinJSON.parse(deep) == nil)
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(TwinJSON.parse(shallow) != nil)
    }

    @Test func roundTripsTheWriter() {
        let value: [String: DocumentValue] = ["s": .string("a\"b\\c\n\u{1}"), "i": .int(-3), "d": .double(0.25),
                                              "l": .array([.bool(true), .null, .object(["x": .int(1)])])]
        #expect(TwinJSON.parseObject(TwinJSON.text(value)) == value)
    }
}
