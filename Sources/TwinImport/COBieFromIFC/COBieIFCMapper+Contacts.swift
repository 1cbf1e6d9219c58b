import COBie
import Foundation
import IFC
import STEP

extension COBieIFCMapper.Run {
    /// Contact ← IfcPersonAndOrganization keyed by e-mail (COBie's contact key), first one wins; an actor
    /// without any e-mail address cannot be referenced from COBie and is reported. The developer of the
    /// exporting application (IfcApplication.ApplicationDeveloper) owns the file's bookkeeping, not the
    /// facility, so it is not a contact.
    mutating func mapContacts() {
        var seen: Set<String> = []
        let toolVendors = Set(ifc.instances(of: "IfcApplication").compactMap { ifc.reference($0, "ApplicationDeveloper") })
        for actor in ifc.instances(of: "IfcPersonAndOrganization") {
            if let organization = ifc.reference(actor, "TheOrganization"), toolVendors.contains(organization) { continue }
            guard let email = email(of: actor) else {
                report(.warning, "Contact", actor, "IfcPersonAndOrganization #\(actor.rawValue) has no e-mail address; not a COBie contact")
                continue
            }
            guard seen.insert(email.lowercased()).inserted else { continue }
            let person = ifc.reference(actor, "ThePerson")
            let organization = ifc.reference(actor, "TheOrganization")
            let telecom = addresses(of: actor, "IfcTelecomAddress").first
            let postal = addresses(of: actor, "IfcPostalAddress").first
            var role: COBieField<COBieCategory> = .missing
            if let r = (organization.map { ifc.references($0, "Roles") } ?? []).first {
                let t = ifc.string(r, "UserDefinedRole") ?? ifc[r, "Role"]?.asEnumeration
                if let t, !t.isEmpty { role = .value(COBieCategory(parsing: t)) }
            }
            model.contacts.append(COBieContact(
                email: email,
                category: role,
                company: organization.map { text($0, "Name") } ?? .missing,
                phone: telecom.map { listField($0, "TelephoneNumbers") } ?? .missing,
                department: organization.map { text($0, "Description") } ?? .missing,
                organizationCode: organization.map { text($0, ifc.hasAttribute($0, "Identification") ? "Identification" : "Id") } ?? .missing,
                givenName: person.map { text($0, "GivenName") } ?? .missing,
                familyName: person.map { text($0, "FamilyName") } ?? .missing,
                street: postal.map { listField($0, "AddressLines") } ?? .missing,
                postalBox: postal.map { text($0, "PostalBox") } ?? .missing,
                town: postal.map { text($0, "Town") } ?? .missing,
                stateRegion: postal.map { text($0, "Region") } ?? .missing,
                postalCode: postal.map { text($0, "PostalCode") } ?? .missing,
                country: postal.map { text($0, "Country") } ?? .missing,
                external: COBieExternalReference(
                    system: .value(externalSystem), object: .value("IfcPersonAndOrganization"), identifier: .missing)))
        }
    }

    /// Strings held in a list attribute (telephone numbers, e-mail addresses, address lines).
    func listStrings(_ id: STEPInstanceID, _ attribute: String) -> [String] {
        (ifc[id, attribute]?.asList ?? []).compactMap { $0.asString.map(COBieText.trim) }.filter { !$0.isEmpty }
    }

    func listField(_ id: STEPInstanceID, _ attribute: String) -> COBieField<String> {
        guard let first = listStrings(id, attribute).first else { return .missing }
        return COBieText.isNotApplicable(first) ? .notApplicable : .value(first)
    }

    /// Addresses of the person, then of the organisation, of one entity kind.
    func addresses(of actor: STEPInstanceID, _ entity: String) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        for owner in [ifc.reference(actor, "ThePerson"), ifc.reference(actor, "TheOrganization")].compactMap({ $0 }) {
            out.append(contentsOf: ifc.references(owner, "Addresses").filter { ifc.isA($0, entity) })
        }
        return out
    }

    /// The first e-mail address of an actor (person's addresses first, then the organisation's).
    func email(of actor: STEPInstanceID) -> String? {
        for address in addresses(of: actor, "IfcTelecomAddress") {
            if let e = listStrings(address, "ElectronicMailAddresses").first(where: { !COBieText.isNotApplicable($0) }) {
                return e
            }
        }
        return nil
    }

    /// CreatedBy/CreatedOn ← IfcOwnerHistory (OwningUser's e-mail, CreationDate in Unix seconds; 0 means unknown).
    func created(_ id: STEPInstanceID) -> (by: COBieField<String>, on: COBieField<Date>) {
        guard ifc.hasAttribute(id, "OwnerHistory"), let history = ifc.reference(id, "OwnerHistory") else {
            return (.missing, .missing)
        }
        let by: COBieField<String> = ifc.reference(history, "OwningUser").flatMap { email(of: $0) }.map { .value($0) } ?? .missing
        var on: COBieField<Date> = .missing
        if let seconds = ifc[history, "CreationDate"]?.asInt, seconds > 0 {
            on = .value(Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return (by, on)
    }
}
