import Foundation

/// One measurable step of reading a model. Each phase starts from the file path so phases
/// can be timed alone; later phases (e.g. `inspect`) build on `STEPFile`.
protocol BenchPhase {
    /// Name used on the command line and in the output table.
    var name: String { get }
    /// Runs the phase once and returns extra figures to print (e.g. instance counts).
    func run(path: String) throws -> [(String, String)]
}
