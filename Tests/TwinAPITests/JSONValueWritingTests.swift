import Foundation
import Testing
@testable import TwinAPI

/// The hand-written JSON writer: strings with and without escapes read back unchanged.
@Suite("JSONValue writing")
struct JSONValueWritingTests {
    @Test(arguments: ["", "plain", "DC1-A01-R01-U05", "é 中 😀", "quote \" here", "back\\slash", "line\nbreak",
                      "tab\tand\rcr", "\u{1}\u{1f}", "mixed \"é\"\n\\"])
    func stringsRoundTrip(text: String) throws {
        let bytes = JSONValue.object([("s", .string(text))]).bytes
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["s"] as? String == text)
        #expect(!bytes.contains { $0 < 0x20 }, "control characters are escaped")
    }

    @Test func uuidsAreLowercaseCanonical() {
        for id in [UUID(), UUID(), UUID(uuidString: "00000000-0000-0000-0000-000000000000")!,
                   UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!, UUID(uuidString: "0123ABCD-4567-89EF-0A1B-2C3D4E5F6071")!] {
            #expect(JSONValue.lowercaseString(id) == id.uuidString.lowercased())
        }
        #expect(JSONValue.uuid(nil) == .null)
    }
}
