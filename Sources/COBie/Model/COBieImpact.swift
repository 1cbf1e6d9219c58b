import Foundation

/// An economic, environmental or social impact of a row (COBie 2.4 UK).
public struct COBieImpact: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var impactType: COBieField<String>
    public var impactStage: COBieField<String>
    public var sheetName: COBieField<String>
    public var rowName: COBieField<String>
    public var value: COBieField<COBieQuantity>
    public var impactUnit: COBieField<String>
    public var leadInTime: COBieField<Double>
    public var duration: COBieField<Double>
    public var leadOutTime: COBieField<Double>
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
        impactType: COBieField<String> = .missing,
        impactStage: COBieField<String> = .missing,
        sheetName: COBieField<String> = .missing,
        rowName: COBieField<String> = .missing,
        value: COBieField<COBieQuantity> = .missing,
        impactUnit: COBieField<String> = .missing,
        leadInTime: COBieField<Double> = .missing,
        duration: COBieField<Double> = .missing,
        leadOutTime: COBieField<Double> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.impactType = impactType
        self.impactStage = impactStage
        self.sheetName = sheetName
        self.rowName = rowName
        self.value = value
        self.impactUnit = impactUnit
        self.leadInTime = leadInTime
        self.duration = duration
        self.leadOutTime = leadOutTime
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "ImpactType", "ImpactStage", "SheetName", "RowName", "Value", "ImpactUnit", "LeadInTime", "Duration", "LeadOutTime", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            impactType: r.text("ImpactType"),
            impactStage: r.text("ImpactStage"),
            sheetName: r.text("SheetName"),
            rowName: r.text("RowName"),
            value: r.quantity("Value", unitColumn: "ImpactUnit"),
            impactUnit: r.text("ImpactUnit"),
            leadInTime: r.number("LeadInTime"),
            duration: r.number("Duration"),
            leadOutTime: r.number("LeadOutTime"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
