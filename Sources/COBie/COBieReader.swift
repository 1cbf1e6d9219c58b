import Foundation

/// Reads a COBie 2.4 workbook (.xlsx or SpreadsheetML 2003 .xml) into typed records and validates it.
/// Throws only when the file cannot be read as a workbook at all (`COBieReadError`); problems inside
/// the workbook are reported as issues and reading goes on.
public struct COBieReader: Sendable {
    public var limits: COBieReadLimits

    public init(limits: COBieReadLimits = .default) {
        self.limits = limits
    }

    public func read(contentsOf url: URL) throws -> COBieReadResult {
        let workbook = try SpreadsheetReader(limits: limits).read(contentsOf: url)
        return interpret(workbook)
    }

    public func read(data: Data) throws -> COBieReadResult {
        let workbook = try SpreadsheetReader(limits: limits).read(data: data)
        return interpret(workbook)
    }

    /// Builds the model and the report from an already decoded workbook.
    public func interpret(_ workbook: SpreadsheetWorkbook) -> COBieReadResult {
        var tables: [String: COBieSheetTable] = [:]
        for sheet in workbook.sheets {
            let key = COBieText.trim(sheet.name).lowercased()
            if tables[key] == nil, let table = COBieSheetTable(sheet: sheet) { tables[key] = table }
        }
        let pickLists = tables["picklists"].map(COBiePickLists.init(table:)) ?? COBiePickLists()

        var model = COBieModel(pickLists: pickLists)
        model.facilities = records("Facility", tables, units: COBieUnits(), headers: COBieFacility.headers, COBieFacility.init(row:))
        let units = model.units
        model.contacts = records("Contact", tables, units: units, headers: COBieContact.headers, COBieContact.init(row:))
        model.floors = records("Floor", tables, units: units, headers: COBieFloor.headers, COBieFloor.init(row:))
        model.spaces = records("Space", tables, units: units, headers: COBieSpace.headers, COBieSpace.init(row:))
        model.zones = records("Zone", tables, units: units, headers: COBieZone.headers, COBieZone.init(row:))
        model.types = records("Type", tables, units: units, headers: COBieType.headers, COBieType.init(row:))
        model.components = records("Component", tables, units: units, headers: COBieComponent.headers, COBieComponent.init(row:))
        model.systems = records("System", tables, units: units, headers: COBieSystem.headers, COBieSystem.init(row:))
        model.assemblies = records("Assembly", tables, units: units, headers: COBieAssembly.headers, COBieAssembly.init(row:))
        model.connections = records("Connection", tables, units: units, headers: COBieConnection.headers, COBieConnection.init(row:))
        model.spares = records("Spare", tables, units: units, headers: COBieSpare.headers, COBieSpare.init(row:))
        model.resources = records("Resource", tables, units: units, headers: COBieResource.headers, COBieResource.init(row:))
        model.jobs = records("Job", tables, units: units, headers: COBieJob.headers, COBieJob.init(row:))
        model.impacts = records("Impact", tables, units: units, headers: COBieImpact.headers, COBieImpact.init(row:))
        model.documents = records("Document", tables, units: units, headers: COBieDocument.headers, COBieDocument.init(row:))
        model.attributes = records("Attribute", tables, units: units, headers: COBieAttribute.headers, COBieAttribute.init(row:))
        model.coordinates = records("Coordinate", tables, units: units, headers: COBieCoordinate.headers, COBieCoordinate.init(row:))
        model.issues = records("Issue", tables, units: units, headers: COBieIssueRecord.headers, COBieIssueRecord.init(row:))

        var validator = COBieValidator(maxIssues: limits.maxIssues)
        validator.validate(workbook: workbook, tables: tables, pickLists: pickLists)
        return COBieReadResult(
            format: workbook.format, model: model, issues: validator.issues,
            sheets: workbook.sheets.map(COBieSheetSummary.init(sheet:)))
    }

    private func records<Record>(
        _ sheet: String, _ tables: [String: COBieSheetTable], units: COBieUnits, headers: [String],
        _ make: (COBieRowReader) -> Record
    ) -> [Record] {
        guard let table = tables[sheet.lowercased()] else { return [] }
        let known = Set(headers.map(COBieSheetTable.normalize))
        let extras = COBieRowReader.extraColumns(of: table, knownHeaders: known)
        return table.dataRows.map { make(COBieRowReader(table: table, row: $0, units: units, extraColumns: extras)) }
    }
}
