import STEP

/// One named property or quantity.
public struct IFCProperty: Sendable, Equatable {
    public let id: STEPInstanceID?
    public let name: String?
    /// Schema entity name (IfcPropertySingleValue, IfcQuantityArea…).
    public let entity: String
    public let value: IFCPropertyValue

    /// IfcOpenShell's `get_psets` lists only these kinds; IfcPropertyReferenceValue and unknown kinds
    /// are dropped there, so counts that must match it skip them too.
    var isListedByIfcOpenShell: Bool {
        if case .reference = value { return false }
        return true
    }
}
