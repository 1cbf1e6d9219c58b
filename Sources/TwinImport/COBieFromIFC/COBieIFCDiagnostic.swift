import STEP

/// Something the IFC → COBie mapping could not map cleanly. Positions are the STEP instance (and its
/// GlobalId) so a facility manager can find the object in the authoring tool; mapping never stops.
public struct COBieIFCDiagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable {
        case warning
        case error
    }

    public var severity: Severity
    /// COBie sheet the problem shows up in ("Space", "Component"…).
    public var sheet: String
    public var instance: STEPInstanceID?
    public var globalID: String?
    public var message: String

    public init(severity: Severity, sheet: String, instance: STEPInstanceID?, globalID: String?, message: String) {
        self.severity = severity
        self.sheet = sheet
        self.instance = instance
        self.globalID = globalID
        self.message = message
    }
}
