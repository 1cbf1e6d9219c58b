import Foundation
import Testing
import TwinDomain
import TwinImport
import TwinServices

/// Corpus files of three schemas through the whole pipeline (skipped without ../shared).
@Suite("Import pipeline on corpus files (integration)", .serialized,
       .enabled(if: TwinImportEnvironment.available, "\(TwinImportEnvironment.skipMessage)"),
       .enabled(if: FileManager.default.fileExists(atPath: TwinImportEnvironment.corpus.path),
                "needs the shared corpus at ../shared/corpus (absent)"))
struct TwinImportCorpusTests {
    @Test("IFC2X3, IFC4 and IFC4X3 files import with the importer's counts and one document per entity", arguments: [
        "ifc/IFC2X3/Duplex_A_20110907.ifc",
        "ifc/IFC4/AC20-FZK-Haus.ifc",
        "ifc/IFC4X3/wall_door_columnt_rgb4x3.ifc",
    ])
    func corpusFile(_ path: String) async throws {
        let file = TwinImportEnvironment.corpus.appendingPathComponent(path)
        try await TwinImportEnvironment.with { environment in
            let reference = try await TwinImportPipelineTests.referenceBatch(file)
            let job = try await environment.importFile(file)
            #expect(job.status == .succeeded, "\(path): \(job.errorCode ?? "") \(job.messages)")
            let modelID = try #require(job.modelID)
            let version = try #require(try await environment.store.version(modelID: modelID, number: 1, scope: .everything))
            #expect(version.schema == reference.schema)
            for (name, count) in reference.counts { #expect(version.counts[name] == count, "\(path) \(name)") }
            let key = ModelVersionKey(modelID: modelID, version: 1)
            #expect(try await environment.documents.entityCount(in: key) == reference.fingerprints.count)
            #expect(try await environment.count("SELECT count(*) FROM floors") == reference.floors.count)
            #expect(try await environment.count("SELECT count(*) FROM spaces") == reference.spaces.count)
            #expect(try await environment.documents.files(in: key, kind: .original).count == 1)
        }
    }
}
