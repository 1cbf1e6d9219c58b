/// One non-empty cell: its zero-based column, its text exactly as stored in the file (shared string,
/// number literal, `1`/`0` for booleans) and its typed value.
public struct SpreadsheetCell: Sendable, Equatable {
    public var column: Int
    public var text: String
    public var value: SpreadsheetValue

    public init(column: Int, text: String, value: SpreadsheetValue) {
        self.column = column
        self.text = text
        self.value = value
    }

    /// Column letters as a spreadsheet shows them: 0 → "A", 26 → "AA".
    public static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0, letters.count < 8 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}
