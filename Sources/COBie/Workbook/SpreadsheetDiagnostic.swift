/// A problem found while decoding cells that does not stop reading (unknown cell type, bad shared
/// string index, cell outside the sheet grid…).
public struct SpreadsheetDiagnostic: Sendable, Equatable {
    public var sheet: String?
    public var row: Int?
    public var column: Int?
    public var message: String

    public init(sheet: String?, row: Int?, column: Int?, message: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }
}
