import STEP
import Testing

@Suite("STEP string escapes")
struct StringEscapeTests {
    private func decode(_ literal: String) throws -> String? {
        let file = try parseData("#1=IFCA(\(literal));")
        return file.args(1).first?.asString
    }

    @Test func doubledQuote() throws {
        #expect(try decode("'Don''t'") == "Don't")
        #expect(try decode("''''") == "'")
        #expect(try decode("''") == "")
    }

    @Test func latin1Escapes() throws {
        #expect(try decode("'\\X\\E4pfel'") == "äpfel")
        #expect(try decode("'\\S\\Drger'") == "Ärger")
        #expect(try decode("'h\\S\\ttel'") == "hôtel")
        // `\S\'` is 0x27 + 128 = '§' and does not close the string.
        #expect(try decode("'ends \\S\\''") == "ends §")
        #expect(try decode("'a\\\\b'") == "a\\b")
    }

    /// NUL, however written, cannot reach a label (it failed imports downstream in PostgreSQL).
    @Test func nulBecomesTheReplacementCharacter() throws {
        for literal in ["'a\\X\\00b'", "'a\\X2\\0000\\X0\\b'", "'a\\X4\\00000000\\X0\\b'"] {
            #expect(try decode(literal) == "a\u{FFFD}b", "\(literal)")
        }
        let raw = try parseData("#1=IFCA('a\u{0}b');")
        #expect(raw.args(1).first?.asString == "a\u{FFFD}b")
    }

    @Test func utf16AndUTF32() throws {
        #expect(try decode("'\\X2\\00E400F6\\X0\\'") == "äö")
        #expect(try decode("'x\\X2\\D83DDE00\\X0\\y'") == "x😀y")
        #expect(try decode("'\\X4\\0001F600\\X0\\'") == "😀")
        #expect(try decode("'\\X2\\2264\\X0\\ 5m\\X2\\00B3\\X0\\'") == "≤ 5m³")
        // A lone surrogate cannot be represented: replaced, not dropped or crashed on.
        #expect(try decode("'\\X2\\D83D\\X0\\'") == "\u{FFFD}")
    }

    @Test func codePageSwitchIsConsumed() throws {
        #expect(try decode("'\\PA\\caf\\S\\i'") == "café")
    }

    @Test func rawUTF8AndLatin1Bytes() throws {
        #expect(try decode("'Grüße'") == "Grüße")
        var bytes = Array(stepText("#1=IFCA('X');").utf8)
        let x = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        bytes[x] = 0xE9  // é in ISO 8859-1, invalid as UTF-8
        let file = try STEPFile(bytes: bytes)
        #expect(file.args(1).first?.asString == "é")
    }

    @Test func encodingCorpusLine() throws {
        // The line of IfcOpenShell's encoding.ifc test file.
        #expect(try decode("'''a'' 1m\\S\\3 \\X2\\2264\\X0\\ 5m\\X2\\00B3\\X0\\ \\X2\\2265\\X0\\ 10m\\S\\3'")
            == "'a' 1m³ ≤ 5m³ ≥ 10m³")
    }
}
