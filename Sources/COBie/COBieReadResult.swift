/// Everything one read produces: the typed model, the validation report and the per-sheet summary.
/// The model is returned even when the report has errors, so a user can see what was understood.
public struct COBieReadResult: Sendable {
    public var format: SpreadsheetWorkbook.Format
    public var model: COBieModel
    public var issues: [COBieValidationIssue]
    public var sheets: [COBieSheetSummary]

    public init(
        format: SpreadsheetWorkbook.Format, model: COBieModel, issues: [COBieValidationIssue],
        sheets: [COBieSheetSummary]
    ) {
        self.format = format
        self.model = model
        self.issues = issues
        self.sheets = sheets
    }
}
