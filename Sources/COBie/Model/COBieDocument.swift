import Foundation

/// A document (manual, warranty, drawing) attached to a row of another sheet.
public struct COBieDocument: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var approvalBy: COBieField<String>
    public var stage: COBieField<String>
    public var sheetName: COBieField<String>
    public var rowName: COBieField<String>
    public var directory: COBieField<String>
    public var file: COBieField<String>
    public var reference: COBieField<String>
    public var description: COBieField<String>
    /// Identity in the authoring system (ExtSystem/ExtObject/ExtIdentifier).
    public var external: COBieExternalReference
    /// Columns this sheet does not define in COBie 2.4, by header: kept, not dropped.
    public var extraColumns: [String: String]
    /// Sheet and row the record was read from; nil when built from another source (e.g. IFC).
    public var source: COBieSource?

    public init(
        name: String = "",
        createdBy: COBieField<String> = .missing,
        createdOn: COBieField<Date> = .missing,
        category: COBieField<COBieCategory> = .missing,
        approvalBy: COBieField<String> = .missing,
        stage: COBieField<String> = .missing,
        sheetName: COBieField<String> = .missing,
        rowName: COBieField<String> = .missing,
        directory: COBieField<String> = .missing,
        file: COBieField<String> = .missing,
        reference: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.approvalBy = approvalBy
        self.stage = stage
        self.sheetName = sheetName
        self.rowName = rowName
        self.directory = directory
        self.file = file
        self.reference = reference
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "ApprovalBy", "Stage", "SheetName", "RowName", "Directory", "File", "Reference", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            approvalBy: r.text("ApprovalBy"),
            stage: r.text("Stage"),
            sheetName: r.text("SheetName"),
            rowName: r.text("RowName"),
            directory: r.text("Directory"),
            file: r.text("File"),
            reference: r.text("Reference"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
