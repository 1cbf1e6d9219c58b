/// A COBie cell's meaning, keeping apart what COBie keeps apart: a value, an explicit "n/a" (the
/// author says it does not apply), a blank (the author did not deliver it) and text that should be a
/// value of this type but is not (kept so the report and the user can see it).
public enum COBieField<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)
    case notApplicable
    case missing
    case invalid(String)

    /// The value if there is one.
    public var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
