import Foundation

/// A named property value attached to a row of another sheet.
public struct COBieAttribute: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var sheetName: COBieField<String>
    public var rowName: COBieField<String>
    public var value: COBieField<String>
    public var unit: COBieField<String>
    public var allowedValues: COBieField<[String]>
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
        sheetName: COBieField<String> = .missing,
        rowName: COBieField<String> = .missing,
        value: COBieField<String> = .missing,
        unit: COBieField<String> = .missing,
        allowedValues: COBieField<[String]> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.sheetName = sheetName
        self.rowName = rowName
        self.value = value
        self.unit = unit
        self.allowedValues = allowedValues
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "Value", "Unit", "AllowedValues", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            sheetName: r.text("SheetName"),
            rowName: r.text("RowName"),
            value: r.text("Value"),
            unit: r.text("Unit"),
            allowedValues: r.list("AllowedValues"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
