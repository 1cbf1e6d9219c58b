import Testing
@testable import TwinServices

/// The bulk import's CSV reader: RFC 4180 as written by spreadsheets, errors at a line and column,
/// and no input (random bytes, mutated files) that crashes it or escapes its bounds.
@Suite struct CSVTableTests {
    @Test func quotedFieldsBreaksAndBOM() throws {
        let text = "\u{FEFF}Name,Rack\r\n\"a, \"\"b\"\"\",R1\n\n\"two\nlines\",R2\n"
        let table = try CSVTable.parse(Array(text.utf8))
        #expect(table.header == ["name", "rack"])
        #expect(table.rows.map(\.cells) == [["a, \"b\"", "R1"], ["two\nlines", "R2"]])
        #expect(table.rows.map(\.line) == [2, 4])
    }

    @Test func errorsNameTheirPlace() {
        #expect(throws: CSVTable.Failure(line: 2, column: 1, reason: "a quote that is never closed")) {
            try CSVTable.parse(Array("a,b\n\"x,y\n".utf8))
        }
        #expect(throws: CSVTable.Failure(line: 2, column: 1, reason: "text after a closing quote")) {
            try CSVTable.parse(Array("a,b\n\"x\"y,z\n".utf8))
        }
        #expect(throws: CSVTable.Failure(line: 1, column: 1, reason: "empty: a header row is needed")) { try CSVTable.parse([]) }
        #expect(throws: CSVTable.Failure.self) { try CSVTable.parse(Array("a,b\n\u{FF}\n".utf8) + [0xFF, 0xFE]) }
        #expect(throws: CSVTable.Failure.self) { try CSVTable.parse(Array(("a\n" + String(repeating: "x\n", count: 12)).utf8), maxRows: 10) }
        #expect(throws: CSVTable.Failure.self) { try CSVTable.parse(Array(("a\n" + String(repeating: "x", count: 5_000)).utf8)) }
    }

    @Test func randomAndMutatedInputNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let seed = Array("name,rack,u_position\n\"A, 1\",R1,3\nB,\"R\"\"2\",4\r\n".utf8)
        let alphabet: [UInt8] = Array(",\"\r\n ab=".utf8) + [0x00, 0xC3, 0xFF]
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            } else {
                bytes = seed
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = alphabet.randomElement(using: &generator)!
                    case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                    default: if bytes.count > 1 { bytes.remove(at: index) }
                    }
                }
            }
            if let table = try? CSVTable.parse(bytes, maxRows: 50, maxFields: 8, maxFieldBytes: 64) {
                #expect(table.rows.count <= 50 && table.header.count <= 8)
                #expect(table.rows.allSatisfy { $0.cells.count <= 8 && $0.line >= 2 })
            }
        }
    }
}
