import COBie
import Foundation
import Testing

/// Every corpus workbook reads without error and its sheet summary equals the independent reference
/// reading (names, data-row counts, name columns).
@Suite("COBie corpus against reference", .enabled(if: CorpusLocation.isAvailable, CorpusLocation.skipMessage))
struct CorpusReferenceTests {
    struct ReferenceFile: Decodable {
        var sheets: [COBieSheetSummary]
    }

    @Test("sheets equal the reference", arguments: CorpusLocation.workbooks)
    func sheetsMatchReference(file: String) throws {
        let url = CorpusLocation.cobieCorpus.appendingPathComponent(file)
        let referenceURL = CorpusLocation.cobieReference.appendingPathComponent(file + ".json")
        let reference = try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: referenceURL))
        let workbook = try SpreadsheetReader().read(contentsOf: url)
        let summaries = workbook.sheets.map(COBieSheetSummary.init(sheet:))
        #expect(summaries.map(\.name) == reference.sheets.map(\.name))
        for (mine, theirs) in zip(summaries, reference.sheets) {
            #expect(mine == theirs, "sheet \(theirs.name) of \(file)")
        }
    }
}
