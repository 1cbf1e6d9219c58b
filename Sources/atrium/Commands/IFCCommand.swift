import ArgumentParser
import Foundation
import IFC

/// `atrium ifc …`: offline tools for IFC files, usable before anything is imported.
struct IFCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ifc",
        abstract: "Inspect IFC (IFC2X3, IFC4, IFC4X3) STEP files and export their geometry.",
        subcommands: [IFCInspectCommand.self, IFCGltfCommand.self, IFCBBoxCommand.self]
    )
}

/// `atrium ifc inspect FILE [--json]`: schema, counts, spatial tree, elements with container, type and
/// property-set counts, world origins and diagnostics. Exit status 0 when the file could be read (even
/// with diagnostics), 1 when it could not be opened as IFC at all.
struct IFCInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise an IFC file (the --json document matches ../shared/tools/ifc-reference)."
    )

    @Argument(help: "The IFC file to read (.ifc, gzip or .ifczip).")
    var file: String

    @Flag(help: "Print the JSON inspect document instead of the human summary.")
    var json = false

    @Option(help: "Most diagnostics to list in the human summary.")
    var maxDiagnostics = 20

    func run() async throws {
        let model: IFCModel
        do {
            model = try IFCModel(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("atrium ifc inspect: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        let report = IFCInspection.report(for: model)
        if json {
            FileHandle.standardOutput.write(report.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(report.humanSummary(maxDiagnostics: max(0, maxDiagnostics)))
        }
    }
}
