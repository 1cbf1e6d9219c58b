/// The decoded argument list of one instance.
///
/// For a complex (multi-type) instance `#1=(A(..)B(..));` the values are one `.typed`
/// value per part, in the order written, and `parts` gives them by name.
public struct STEPArguments: Sendable, Equatable, RandomAccessCollection {
    public let values: [STEPValue]
    /// True for `#1=(A(..)B(..));` instances.
    public let isComplex: Bool
    /// Problems found while decoding (the values hold what could be recovered).
    public let diagnostics: [STEPDiagnostic]

    public init(values: [STEPValue], isComplex: Bool = false, diagnostics: [STEPDiagnostic] = []) {
        self.values = values
        self.isComplex = isComplex
        self.diagnostics = diagnostics
    }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> STEPValue { values[position] }

    /// Argument at `index`, or nil past the end, so schema checks can read optional tails.
    public func value(at index: Int) -> STEPValue? {
        index >= 0 && index < values.count ? values[index] : nil
    }

    /// The parts of a complex instance (empty for a simple one).
    public var parts: [STEPComplexPart] {
        guard isComplex else { return [] }
        return values.compactMap { value in
            if case .typed(let name, let args) = value { return STEPComplexPart(typeName: name, arguments: args) }
            return nil
        }
    }

    /// Arguments of the part named `typeName` (uppercase) of a complex instance.
    public func part(_ typeName: String) -> [STEPValue]? {
        parts.first { $0.typeName == typeName }?.arguments
    }
}
