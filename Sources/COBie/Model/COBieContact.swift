import Foundation

/// A person or organisation: the Email column identifies it everywhere else in the workbook.
public struct COBieContact: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var email: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var company: COBieField<String>
    public var phone: COBieField<String>
    public var department: COBieField<String>
    public var organizationCode: COBieField<String>
    public var givenName: COBieField<String>
    public var familyName: COBieField<String>
    public var street: COBieField<String>
    public var postalBox: COBieField<String>
    public var town: COBieField<String>
    public var stateRegion: COBieField<String>
    public var postalCode: COBieField<String>
    public var country: COBieField<String>
    /// Identity in the authoring system (ExtSystem/ExtObject/ExtIdentifier).
    public var external: COBieExternalReference
    /// Columns this sheet does not define in COBie 2.4, by header: kept, not dropped.
    public var extraColumns: [String: String]
    /// Sheet and row the record was read from; nil when built from another source (e.g. IFC).
    public var source: COBieSource?

    public init(
        email: String = "",
        createdBy: COBieField<String> = .missing,
        createdOn: COBieField<Date> = .missing,
        category: COBieField<COBieCategory> = .missing,
        company: COBieField<String> = .missing,
        phone: COBieField<String> = .missing,
        department: COBieField<String> = .missing,
        organizationCode: COBieField<String> = .missing,
        givenName: COBieField<String> = .missing,
        familyName: COBieField<String> = .missing,
        street: COBieField<String> = .missing,
        postalBox: COBieField<String> = .missing,
        town: COBieField<String> = .missing,
        stateRegion: COBieField<String> = .missing,
        postalCode: COBieField<String> = .missing,
        country: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.email = email
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.company = company
        self.phone = phone
        self.department = department
        self.organizationCode = organizationCode
        self.givenName = givenName
        self.familyName = familyName
        self.street = street
        self.postalBox = postalBox
        self.town = town
        self.stateRegion = stateRegion
        self.postalCode = postalCode
        self.country = country
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Email", "CreatedBy", "CreatedOn", "Category", "Company", "Phone", "Department", "OrganizationCode", "GivenName", "FamilyName", "Street", "PostalBox", "Town", "StateRegion", "PostalCode", "Country", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            email: r.key("Email"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            company: r.text("Company"),
            phone: r.text("Phone"),
            department: r.text("Department"),
            organizationCode: r.text("OrganizationCode"),
            givenName: r.text("GivenName"),
            familyName: r.text("FamilyName"),
            street: r.text("Street"),
            postalBox: r.text("PostalBox"),
            town: r.text("Town"),
            stateRegion: r.text("StateRegion"),
            postalCode: r.text("PostalCode"),
            country: r.text("Country"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
