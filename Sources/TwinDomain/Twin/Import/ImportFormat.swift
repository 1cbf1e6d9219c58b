/// What an upload is, decided from its bytes (never from its name or declared type).
public enum ImportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// ISO 10303-21 text (.ifc).
    case ifcSTEP = "ifc"
    /// Zip archive holding one .ifc (.ifczip).
    case ifcZIP = "ifczip"
    /// Gzip-compressed STEP (.ifc.gz).
    case ifcGzip = "ifc.gz"
    /// Office Open XML workbook (.xlsx) holding COBie sheets.
    case cobieXLSX = "cobie.xlsx"
    /// SpreadsheetML 2003 (.xml) holding COBie sheets.
    case cobieSpreadsheetML = "cobie.xml"

    public var isIFC: Bool { self == .ifcSTEP || self == .ifcZIP || self == .ifcGzip }
}
