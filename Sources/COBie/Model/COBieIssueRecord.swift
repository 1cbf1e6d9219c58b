import Foundation

/// A known problem or risk recorded against one or two rows.
public struct COBieIssueRecord: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var type: COBieField<String>
    public var risk: COBieField<String>
    public var chance: COBieField<String>
    public var impact: COBieField<String>
    public var sheetName1: COBieField<String>
    public var rowName1: COBieField<String>
    public var sheetName2: COBieField<String>
    public var rowName2: COBieField<String>
    public var owner: COBieField<String>
    public var mitigation: COBieField<String>
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
        type: COBieField<String> = .missing,
        risk: COBieField<String> = .missing,
        chance: COBieField<String> = .missing,
        impact: COBieField<String> = .missing,
        sheetName1: COBieField<String> = .missing,
        rowName1: COBieField<String> = .missing,
        sheetName2: COBieField<String> = .missing,
        rowName2: COBieField<String> = .missing,
        owner: COBieField<String> = .missing,
        mitigation: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.type = type
        self.risk = risk
        self.chance = chance
        self.impact = impact
        self.sheetName1 = sheetName1
        self.rowName1 = rowName1
        self.sheetName2 = sheetName2
        self.rowName2 = rowName2
        self.owner = owner
        self.mitigation = mitigation
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Type", "Risk", "Chance", "Impact", "SheetName1", "RowName1", "SheetName2", "RowName2", "Owner", "Mitigation", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            type: r.text("Type"),
            risk: r.text("Risk"),
            chance: r.text("Chance"),
            impact: r.text("Impact"),
            sheetName1: r.text("SheetName1"),
            rowName1: r.text("RowName1"),
            sheetName2: r.text("SheetName2"),
            rowName2: r.text("RowName2"),
            owner: r.text("Owner"),
            mitigation: r.text("Mitigation"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
