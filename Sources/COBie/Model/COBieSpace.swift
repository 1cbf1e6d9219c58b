import Foundation

/// A room or other bounded area, on one floor.
public struct COBieSpace: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var floorName: COBieField<String>
    public var roomTag: COBieField<String>
    public var usableHeight: COBieField<COBieQuantity>
    public var grossArea: COBieField<COBieQuantity>
    public var netArea: COBieField<COBieQuantity>
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
        floorName: COBieField<String> = .missing,
        roomTag: COBieField<String> = .missing,
        usableHeight: COBieField<COBieQuantity> = .missing,
        grossArea: COBieField<COBieQuantity> = .missing,
        netArea: COBieField<COBieQuantity> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.floorName = floorName
        self.roomTag = roomTag
        self.usableHeight = usableHeight
        self.grossArea = grossArea
        self.netArea = netArea
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "FloorName", "RoomTag", "UsableHeight", "GrossArea", "NetArea", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            floorName: r.text("FloorName"),
            roomTag: r.text("RoomTag"),
            usableHeight: r.quantity("UsableHeight", unit: r.units.linear),
            grossArea: r.quantity("GrossArea", unit: r.units.area),
            netArea: r.quantity("NetArea", unit: r.units.area),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
