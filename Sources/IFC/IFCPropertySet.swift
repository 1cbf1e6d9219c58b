import STEP

/// A property set, quantity set or predefined property set with its decoded members.
public struct IFCPropertySet: Sendable, Equatable {
    public let id: STEPInstanceID
    public let name: String?
    public let entity: String
    public let properties: [IFCProperty]

    public var isQuantitySet: Bool { entity == "IfcElementQuantity" }

    /// Distinct property names as IfcOpenShell's `get_psets` keys them (nil is a key too).
    var listedNames: [String?] {
        var seen = Set<String?>()
        var out: [String?] = []
        for p in properties where p.isListedByIfcOpenShell && seen.insert(p.name).inserted { out.append(p.name) }
        return out
    }
}
