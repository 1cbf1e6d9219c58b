import Foundation

/// The report of `atrium cobie inspect`: per-sheet summary and validation issues, Codable so the CLI
/// prints it as JSON and tests check it without the executable.
public struct COBieInspection: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var info: Int
    }

    public var file: String
    public var format: SpreadsheetWorkbook.Format
    public var sheets: [COBieSheetSummary]
    public var issues: [COBieValidationIssue]
    public var issueCounts: Counts

    public init(file: String, result: COBieReadResult) {
        self.file = file
        self.format = result.format
        self.sheets = result.sheets
        self.issues = result.issues
        self.issueCounts = Counts(
            errors: result.issues.filter { $0.severity == .error }.count,
            warnings: result.issues.filter { $0.severity == .warning }.count,
            info: result.issues.filter { $0.severity == .info }.count)
    }

    /// Reads and validates `url`.
    public static func inspect(contentsOf url: URL, limits: COBieReadLimits = .default) throws -> COBieInspection {
        let result = try COBieReader(limits: limits).read(contentsOf: url)
        return COBieInspection(file: url.lastPathComponent, result: result)
    }

    /// Stable, pretty JSON (sorted keys) for machines and diffs.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A short plain-text summary for people: sheets with their row counts, then the issues grouped by
    /// severity, at most `maxIssueLines` of them.
    public func humanSummary(maxIssueLines: Int = 50) -> String {
        var lines: [String] = []
        let formatName = format == .xlsx ? "Excel workbook (.xlsx)" : "SpreadsheetML 2003 workbook (.xml)"
        lines.append("\(file): \(formatName), \(sheets.count) sheets")
        let width = sheets.map(\.name.count).max() ?? 0
        for sheet in sheets {
            let padded = sheet.name.padding(toLength: max(width, sheet.name.count), withPad: " ", startingAt: 0)
            lines.append("  \(padded)  \(sheet.rows) \(sheet.rows == 1 ? "row" : "rows")")
        }
        lines.append("Issues: \(issueCounts.errors) errors, \(issueCounts.warnings) warnings, \(issueCounts.info) notes")
        for issue in issues.sorted(by: { $0.severity < $1.severity }).prefix(maxIssueLines) {
            // Excel-style cell address ("Component!C22") so the user can jump straight to it.
            var place = issue.sheet ?? "workbook"
            if let row = issue.row { place += "!" + (issue.column ?? "") + "\(row)" }
            if let header = issue.header { place += " (\(header))" }
            lines.append("  [\(issue.severity.rawValue)] \(place): \(issue.message)")
        }
        if issues.count > maxIssueLines {
            lines.append("  … \(issues.count - maxIssueLines) more (use --json for all)")
        }
        return lines.joined(separator: "\n")
    }
}
