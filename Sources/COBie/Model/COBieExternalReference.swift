/// The authoring system's identity of a record (e.g. "Autodesk Revit MEP 2011", "IfcFlowTerminal",
/// an IFC GlobalId), which is what links a COBie row back to the model it came from.
public struct COBieExternalReference: Sendable, Equatable {
    public var system: COBieField<String>
    public var object: COBieField<String>
    public var identifier: COBieField<String>

    public init(
        system: COBieField<String> = .missing, object: COBieField<String> = .missing,
        identifier: COBieField<String> = .missing
    ) {
        self.system = system
        self.object = object
        self.identifier = identifier
    }
}
