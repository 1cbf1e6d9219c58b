import Foundation

/// The building or site handed over, with the units every other sheet's numbers are in.
public struct COBieFacility: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var projectName: COBieField<String>
    public var siteName: COBieField<String>
    public var linearUnits: COBieField<String>
    public var areaUnits: COBieField<String>
    public var volumeUnits: COBieField<String>
    public var currencyUnit: COBieField<String>
    public var areaMeasurement: COBieField<String>
    public var externalProjectObject: COBieField<String>
    public var externalProjectIdentifier: COBieField<String>
    public var externalSiteObject: COBieField<String>
    public var externalSiteIdentifier: COBieField<String>
    public var externalFacilityObject: COBieField<String>
    public var externalFacilityIdentifier: COBieField<String>
    public var projectDescription: COBieField<String>
    public var siteDescription: COBieField<String>
    public var phase: COBieField<String>
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
        projectName: COBieField<String> = .missing,
        siteName: COBieField<String> = .missing,
        linearUnits: COBieField<String> = .missing,
        areaUnits: COBieField<String> = .missing,
        volumeUnits: COBieField<String> = .missing,
        currencyUnit: COBieField<String> = .missing,
        areaMeasurement: COBieField<String> = .missing,
        externalProjectObject: COBieField<String> = .missing,
        externalProjectIdentifier: COBieField<String> = .missing,
        externalSiteObject: COBieField<String> = .missing,
        externalSiteIdentifier: COBieField<String> = .missing,
        externalFacilityObject: COBieField<String> = .missing,
        externalFacilityIdentifier: COBieField<String> = .missing,
        projectDescription: COBieField<String> = .missing,
        siteDescription: COBieField<String> = .missing,
        phase: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.projectName = projectName
        self.siteName = siteName
        self.linearUnits = linearUnits
        self.areaUnits = areaUnits
        self.volumeUnits = volumeUnits
        self.currencyUnit = currencyUnit
        self.areaMeasurement = areaMeasurement
        self.externalProjectObject = externalProjectObject
        self.externalProjectIdentifier = externalProjectIdentifier
        self.externalSiteObject = externalSiteObject
        self.externalSiteIdentifier = externalSiteIdentifier
        self.externalFacilityObject = externalFacilityObject
        self.externalFacilityIdentifier = externalFacilityIdentifier
        self.projectDescription = projectDescription
        self.siteDescription = siteDescription
        self.phase = phase
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "ProjectName", "SiteName", "LinearUnits", "AreaUnits", "VolumeUnits", "CurrencyUnit", "AreaMeasurement", "ExternalProjectObject", "ExternalProjectIdentifier", "ExternalSiteObject", "ExternalSiteIdentifier", "ExternalFacilityObject", "ExternalFacilityIdentifier", "ProjectDescription", "SiteDescription", "Phase", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            projectName: r.text("ProjectName"),
            siteName: r.text("SiteName"),
            linearUnits: r.text("LinearUnits"),
            areaUnits: r.text("AreaUnits"),
            volumeUnits: r.text("VolumeUnits"),
            currencyUnit: r.text("CurrencyUnit"),
            areaMeasurement: r.text("AreaMeasurement"),
            externalProjectObject: r.text("ExternalProjectObject"),
            externalProjectIdentifier: r.text("ExternalProjectIdentifier"),
            externalSiteObject: r.text("ExternalSiteObject"),
            externalSiteIdentifier: r.text("ExternalSiteIdentifier"),
            externalFacilityObject: r.text("ExternalFacilityObject"),
            externalFacilityIdentifier: r.text("ExternalFacilityIdentifier"),
            projectDescription: r.text("ProjectDescription"),
            siteDescription: r.text("SiteDescription"),
            phase: r.text("Phase"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExternalFacilityObject"), identifier: r.text("ExternalFacilityIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
