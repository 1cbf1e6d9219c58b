import Testing
@testable import BIMDocuments

@Suite("BSON key escaping")
struct BSONKeyEscapingTests {
    @Test func ordinaryNamesAreStoredAsTheyAre() {
        for name in ["IsExternal", "Fire Rating", "Ü-Wert", "a$b", "Pset_WallCommon"] {
            #expect(BSONKeyEscaping.escape(name) == name)
        }
    }

    @Test func refusedShapesEscapeToSafeKeys() {
        #expect(BSONKeyEscaping.escape("") == "%")
        #expect(BSONKeyEscaping.escape("$set") == "%24set")
        #expect(BSONKeyEscaping.escape("a.b") == "a%2Eb")
        #expect(BSONKeyEscaping.escape("a\u{0}b") == "a%00b")
        #expect(BSONKeyEscaping.escape("100%") == "100%25")
        for name in ["", "$", ".", "\u{0}", "$.%", "%", "%%", "%2E", "%25", "a$"] {
            let key = BSONKeyEscaping.escape(name)
            #expect(!key.isEmpty && !key.hasPrefix("$") && !key.contains(".") && !key.utf8.contains(0), "\(name.debugDescription) → \(key)")
        }
    }

    /// Escaping is injective and `unescape` inverts it, over random names from a hostile alphabet.
    @Test func roundTripsRandomNames() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["%", ".", "$", "\u{0}", "2", "E", "5", "0", "4", "a", "é", " "]
        var seen: [String: String] = [:]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...6, using: &generator)
            let name = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let key = BSONKeyEscaping.escape(name)
            #expect(BSONKeyEscaping.unescape(key) == name)
            if let other = seen[key] { #expect(other == name, "two names share \(key)") }
            seen[key] = name
        }
    }
}
