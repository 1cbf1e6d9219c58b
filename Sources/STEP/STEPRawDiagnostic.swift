/// A diagnostic before its line/column is known (positions are resolved in one go).
struct STEPRawDiagnostic: Sendable, Equatable {
    var severity: STEPDiagnostic.Severity
    var offset: Int
    var message: String
    var instance: Int?
}
