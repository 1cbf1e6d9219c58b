import IFC

/// Mutable bookkeeping while one product's items are mapped: diagnostics, the items on the current
/// recursion path (cycle detection) and a node budget, so hostile files with cycles or exponential
/// sharing (a boolean whose operands are the same deep tree) end in a diagnostic instead of a hang.
struct IFCMapState {
    var diagnostics: [GeometryDiagnostic] = []
    var visiting: Set<STEPInstanceID> = []
    /// Items still allowed to be visited for this product.
    var budget: Int
    /// Cartesian points decoded so far (breps share each point between ~3 faces).
    var points: [STEPInstanceID: Vec3] = [:]

    init(budget: Int = 500_000) {
        self.budget = budget
    }

    mutating func report(_ severity: GeometryDiagnostic.Severity, _ code: String, _ message: String,
                         _ id: STEPInstanceID?) {
        guard diagnostics.count < 64 else { return }
        diagnostics.append(GeometryDiagnostic(severity, code, message, entity: id?.rawValue))
    }

    /// Starts a product: keeps the point cache unless it has grown large.
    mutating func reset(budget: Int) {
        diagnostics = []
        visiting = []
        self.budget = budget
        if points.count > 200_000 { points = [:] }
    }
}
