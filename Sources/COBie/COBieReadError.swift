/// A failure that stops reading a workbook altogether. Problems inside a readable workbook are not
/// errors: they become issues in the validation report and reading continues.
public enum COBieReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are neither a zip (xlsx) nor an XML (SpreadsheetML 2003) document.
    case unrecognizedFormat
    /// The zip container is damaged or unsupported.
    case corruptArchive(String)
    /// A part the workbook cannot do without is absent (e.g. xl/workbook.xml).
    case missingPart(String)
    /// An XML part is not well-formed; line and column are 1-based positions inside `part`.
    case malformedXML(part: String, line: Int, column: Int, message: String)
    /// The XML declares a DTD or references an entity, which spreadsheets never need and which is how
    /// entity-expansion attacks work.
    case forbiddenXMLConstruct(part: String, line: Int, construct: String)
    /// A configured bound in `COBieReadLimits` was exceeded.
    case limitExceeded(limit: String, part: String?, detail: String)
    /// The file could not be read from disk.
    case io(String)

    public var description: String {
        switch self {
        case .unrecognizedFormat:
            return "The file is neither an Excel workbook (.xlsx) nor a SpreadsheetML 2003 (.xml) workbook."
        case .corruptArchive(let why):
            return "The workbook's zip container is damaged: \(why)."
        case .missingPart(let part):
            return "The workbook has no \(part) part; it was probably not written by a spreadsheet program."
        case .malformedXML(let part, let line, let column, let message):
            return "\(part) is not well-formed XML at line \(line), column \(column): \(message)"
        case .forbiddenXMLConstruct(let part, let line, let construct):
            return "\(part) line \(line) contains \(construct), which workbooks never need; refused for safety."
        case .limitExceeded(let limit, let part, let detail):
            let location = part.map { " in \($0)" } ?? ""
            return "The workbook exceeds the \(limit) limit\(location): \(detail)."
        case .io(let why):
            return "The file could not be read: \(why)."
        }
    }
}
