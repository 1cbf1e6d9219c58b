import Foundation

/// A point (or box corner) locating a floor, space or component.
public struct COBieCoordinate: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var sheetName: COBieField<String>
    public var rowName: COBieField<String>
    public var coordinateXAxis: COBieField<COBieQuantity>
    public var coordinateYAxis: COBieField<COBieQuantity>
    public var coordinateZAxis: COBieField<COBieQuantity>
    public var clockwiseRotation: COBieField<Double>
    public var elevationalRotation: COBieField<Double>
    public var yawRotation: COBieField<Double>
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
        coordinateXAxis: COBieField<COBieQuantity> = .missing,
        coordinateYAxis: COBieField<COBieQuantity> = .missing,
        coordinateZAxis: COBieField<COBieQuantity> = .missing,
        clockwiseRotation: COBieField<Double> = .missing,
        elevationalRotation: COBieField<Double> = .missing,
        yawRotation: COBieField<Double> = .missing,
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
        self.coordinateXAxis = coordinateXAxis
        self.coordinateYAxis = coordinateYAxis
        self.coordinateZAxis = coordinateZAxis
        self.clockwiseRotation = clockwiseRotation
        self.elevationalRotation = elevationalRotation
        self.yawRotation = yawRotation
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "CoordinateXAxis", "CoordinateYAxis", "CoordinateZAxis", "ClockwiseRotation", "ElevationalRotation", "YawRotation", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            sheetName: r.text("SheetName"),
            rowName: r.text("RowName"),
            coordinateXAxis: r.quantity("CoordinateXAxis", unit: r.units.linear),
            coordinateYAxis: r.quantity("CoordinateYAxis", unit: r.units.linear),
            coordinateZAxis: r.quantity("CoordinateZAxis", unit: r.units.linear),
            clockwiseRotation: r.number("ClockwiseRotation"),
            elevationalRotation: r.number("ElevationalRotation"),
            yawRotation: r.number("YawRotation"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
