import ArgumentParser
import COBie
import Foundation

/// `atrium cobie …`: offline tools for COBie workbooks, usable before anything is imported.
struct COBieCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cobie",
        abstract: "Inspect COBie 2.4 workbooks (.xlsx or SpreadsheetML 2003 .xml).",
        subcommands: [COBieInspectCommand.self]
    )
}

/// `atrium cobie inspect FILE [--json]`: reads and validates a workbook and prints what it holds and
/// what is wrong with it. Exit status 0 when the file could be read (even with validation errors),
/// 1 when it could not be read at all.
struct COBieInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a COBie workbook's sheets and list its validation issues."
    )

    @Argument(help: "The workbook to read (.xlsx or SpreadsheetML 2003 .xml).")
    var file: String

    @Flag(help: "Print a JSON document with `sheets` and `issues` instead of the human summary.")
    var json = false

    @Option(help: "Most issues to list in the human summary.")
    var maxIssues = 50

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let inspection: COBieInspection
        do {
            inspection = try COBieInspection.inspect(contentsOf: url)
        } catch let error as COBieReadError {
            FileHandle.standardError.write(Data("atrium cobie inspect: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        if json {
            FileHandle.standardOutput.write(try inspection.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(inspection.humanSummary(maxIssueLines: max(0, maxIssues)))
        }
    }
}
