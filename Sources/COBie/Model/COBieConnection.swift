import Foundation

/// A logical connection between two rows of one sheet (e.g. two components).
public struct COBieConnection: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var connectionType: COBieField<String>
    public var sheetName: COBieField<String>
    public var rowName1: COBieField<String>
    public var rowName2: COBieField<String>
    public var realizingElement: COBieField<String>
    public var portName1: COBieField<String>
    public var portName2: COBieField<String>
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
        connectionType: COBieField<String> = .missing,
        sheetName: COBieField<String> = .missing,
        rowName1: COBieField<String> = .missing,
        rowName2: COBieField<String> = .missing,
        realizingElement: COBieField<String> = .missing,
        portName1: COBieField<String> = .missing,
        portName2: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.connectionType = connectionType
        self.sheetName = sheetName
        self.rowName1 = rowName1
        self.rowName2 = rowName2
        self.realizingElement = realizingElement
        self.portName1 = portName1
        self.portName2 = portName2
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "ConnectionType", "SheetName", "RowName1", "RowName2", "RealizingElement", "PortName1", "PortName2", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            connectionType: r.text("ConnectionType"),
            sheetName: r.text("SheetName"),
            rowName1: r.text("RowName1"),
            rowName2: r.text("RowName2"),
            realizingElement: r.text("RealizingElement"),
            portName1: r.text("PortName1"),
            portName2: r.text("PortName2"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
