import Foundation
import STEP

/// Wraps DATA lines in a minimal, valid exchange structure.
func stepText(_ data: String, schema: String = "IFC4") -> String {
    """
    ISO-10303-21;
    HEADER;
    FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');
    FILE_NAME('t.ifc','2024-01-01T00:00:00',('A'),('O'),'pre','sys','');
    FILE_SCHEMA(('\(schema)'));
    ENDSEC;
    DATA;
    \(data)
    ENDSEC;
    END-ISO-10303-21;

    """
}

func parse(_ text: String) throws -> STEPFile {
    try STEPFile(bytes: Array(text.utf8))
}

func parseData(_ data: String) throws -> STEPFile {
    try parse(stepText(data))
}

extension STEPFile {
    func args(_ id: Int) -> [STEPValue] {
        arguments(of: STEPInstanceID(id))?.values ?? []
    }

    var errors: [STEPDiagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Locations of the shared corpus relative to this package (../shared from the root).
enum SharedCorpus {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let ifc: URL = root.appendingPathComponent("corpus/ifc")
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus/MANIFEST.tsv").path)
    }
}

/// Runs a command-line tool, returning its exit status (or nil if it cannot be started).
@discardableResult
func runTool(_ executable: String, _ arguments: [String], in directory: URL? = nil) -> Int32? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    process.waitUntilExit()
    return process.terminationStatus
}

func makeTempDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("step-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
