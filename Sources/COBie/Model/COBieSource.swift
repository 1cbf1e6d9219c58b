/// Where a record came from, so a report can send the user to the exact row.
public struct COBieSource: Sendable, Equatable, Hashable, Codable {
    /// The sheet's name as written.
    public var sheet: String
    /// 1-based row number as the spreadsheet shows it.
    public var row: Int

    public init(sheet: String, row: Int) {
        self.sheet = sheet
        self.row = row
    }
}
