import ArgumentParser
import Foundation
import IFC

/// Shared plumbing of the geometry subcommands: open a model or fail with one clear line.
enum IFCGeometryCLI {
    static func open(_ file: String, command: String) throws -> IFCModel {
        guard FileManager.default.fileExists(atPath: file) else {
            fail(command, "no such file: \(file)")
            throw ExitCode(1)
        }
        do {
            return try IFCModel(contentsOf: URL(fileURLWithPath: file))
        } catch {
            fail(command, "\(file): \(error.description)")
            throw ExitCode(1)
        }
    }

    static func fail(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("atrium ifc \(command): \(message)\n".utf8))
    }
}
