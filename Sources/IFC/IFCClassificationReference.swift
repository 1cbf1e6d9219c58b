import STEP

/// A classification attached through IfcRelAssociatesClassification.
public struct IFCClassificationReference: Sendable, Equatable {
    public let id: STEPInstanceID
    /// IFC4 Identification / IFC2X3 ItemReference (e.g. "23-17 11 00").
    public let identification: String?
    public let name: String?
    /// Name of the IfcClassification at the top of the ReferencedSource chain (e.g. "Uniclass").
    public let source: String?
}
