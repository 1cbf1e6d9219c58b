import Foundation

/// One installed asset: an instance of a type, located in one or more spaces.
public struct COBieComponent: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var typeName: COBieField<String>
    public var space: COBieField<[String]>
    public var serialNumber: COBieField<String>
    public var installationDate: COBieField<Date>
    public var warrantyStartDate: COBieField<Date>
    public var tagNumber: COBieField<String>
    public var barCode: COBieField<String>
    public var assetIdentifier: COBieField<String>
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
        typeName: COBieField<String> = .missing,
        space: COBieField<[String]> = .missing,
        serialNumber: COBieField<String> = .missing,
        installationDate: COBieField<Date> = .missing,
        warrantyStartDate: COBieField<Date> = .missing,
        tagNumber: COBieField<String> = .missing,
        barCode: COBieField<String> = .missing,
        assetIdentifier: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.typeName = typeName
        self.space = space
        self.serialNumber = serialNumber
        self.installationDate = installationDate
        self.warrantyStartDate = warrantyStartDate
        self.tagNumber = tagNumber
        self.barCode = barCode
        self.assetIdentifier = assetIdentifier
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "TypeName", "Space", "SerialNumber", "InstallationDate", "WarrantyStartDate", "TagNumber", "BarCode", "AssetIdentifier", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            typeName: r.text("TypeName"),
            space: r.list("Space"),
            serialNumber: r.text("SerialNumber"),
            installationDate: r.date("InstallationDate"),
            warrantyStartDate: r.date("WarrantyStartDate"),
            tagNumber: r.text("TagNumber"),
            barCode: r.text("BarCode"),
            assetIdentifier: r.text("AssetIdentifier"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
