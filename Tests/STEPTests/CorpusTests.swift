import Foundation
import STEP
import Testing

/// Reads every real-world file of ../shared/corpus/ifc and checks the instance count
/// against IfcOpenShell's reference (or the manifest's line count), the schema against
/// the manifest, and that files IfcOpenShell opens produce no error diagnostics.
@Suite("STEP corpus", .enabled(if: SharedCorpus.isAvailable, "needs ../shared/corpus (the shared corpus checkout)"))
struct CorpusTests {
    struct Row {
        var relpath: String
        var schema: String
        var entityLines: Int?
        var note: String
    }

    static func manifest() throws -> [Row] {
        let url = SharedCorpus.root.appendingPathComponent("corpus/MANIFEST.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        guard let head = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
              let pathColumn = head.firstIndex(of: "relpath"),
              let schemaColumn = head.firstIndex(of: "schema_or_sheets"),
              let countColumn = head.firstIndex(of: "entity_lines"),
              let noteColumn = head.firstIndex(of: "note")
        else { return [] }
        return lines.dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > max(pathColumn, schemaColumn, countColumn, noteColumn),
                  cells[pathColumn].hasSuffix(".ifc")
            else {
                return nil
            }
            return Row(
                relpath: cells[pathColumn], schema: cells[schemaColumn], entityLines: Int(cells[countColumn]),
                note: cells[noteColumn])
        }
    }

    /// IfcOpenShell's instance count from reference/ifc/<schema>/<file>.json.gz, read with
    /// this module's own gzip reader.
    static func referenceInstances(_ relpath: String) throws -> Int? {
        let parts = relpath.split(separator: "/")
        guard parts.count >= 3, parts[0] == "ifc" else { return nil }
        let url = SharedCorpus.root.appendingPathComponent("reference/ifc/\(parts[1])/\(parts[2]).json.gz")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let json = try STEPFile.read(contentsOf: url).bytes
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        return object?["instances"] as? Int
    }

    static let rows: [Row] = (try? manifest()) ?? []

    @Test func manifestListsTheCorpus() throws {
        #expect(Self.rows.count >= 40)
    }

    @Test(arguments: rows.map(\.relpath))
    func corpusFile(_ relpath: String) throws {
        let row = try #require(Self.rows.first { $0.relpath == relpath })
        let url = SharedCorpus.root.appendingPathComponent("corpus").appendingPathComponent(relpath)
        let file = try STEPFile.read(contentsOf: url)
        #expect(file.header.schemaIdentifiers.first == row.schema)
        // The manifest note quotes FILE_NAME's originating_system / preprocessor_version.
        let marker = "Header: originating_system/preprocessor = "
        if let r = row.note.range(of: marker), !row.note[r.upperBound...].hasPrefix("(empty") {
            // Blank values are left out of the note.
            let quoted = [file.header.originatingSystem, file.header.preprocessorVersion]
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " / ")
            #expect(row.note[r.upperBound...].hasPrefix(quoted), "header says \(quoted)")
        }
        let reference = try Self.referenceInstances(relpath)
        if let reference {
            #expect(file.instanceCount == reference, "IfcOpenShell counts \(reference)")
            let errors = file.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(errors.prefix(5))")
            let dangling = file.validateReferences()
            #expect(dangling.isEmpty, "\(dangling.prefix(5))")
        } else if let lines = row.entityLines {
            #expect(file.instanceCount == lines, "manifest counts \(lines) lines starting with '#'")
        }
        // Every instance decodes without complaint.
        var decodeProblems: [STEPDiagnostic] = []
        for id in file.allInstanceIDs {
            if let args = file.arguments(of: id), !args.diagnostics.isEmpty {
                decodeProblems += args.diagnostics
                if decodeProblems.count > 5 { break }
            }
        }
        #expect(decodeProblems.isEmpty, "\(decodeProblems.prefix(5))")
    }
}
