import COBie

/// The outcome of mapping one IFC model: the COBie workbook model plus what could not be mapped.
public struct COBieIFCMapping: Sendable, Equatable {
    public var model: COBieModel
    public var diagnostics: [COBieIFCDiagnostic]

    public init(model: COBieModel, diagnostics: [COBieIFCDiagnostic]) {
        self.model = model
        self.diagnostics = diagnostics
    }
}
