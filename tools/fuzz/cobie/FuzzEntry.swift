// libFuzzer entry point for the COBie readers. Compiled by ./run into one module together with
// Sources/COBie/**/*.swift and ZIPFoundation's sources (their `import ZIPFoundation` lines removed),
// so it can call internal API directly.
import Foundation

/// The first byte picks the layer: 0 the whole reader (format sniffing, zip container, every part),
/// 1 SpreadsheetML 2003, 2 a worksheet part, 3 shared strings + styles + workbook + relationships.
/// Layers 1–3 then run the COBie interpretation and validation over what was decoded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCOBieReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let mode = data[0] % 4
    let sheetNames = ["Component", "Space", "Type", "Attribute", "Contact", "Zone", "System", "PickLists"]
    let sheetName = sheetNames[Int(data[1]) % sheetNames.count]
    let body = Data(bytes: data + 2, count: size - 2)
    let limits = COBieReadLimits(
        maxFileBytes: 1 << 20, maxPartBytes: 4 << 20, maxTotalUncompressedBytes: 16 << 20, maxZipEntries: 64,
        maxSheets: 32, maxRowsPerSheet: 20_000, maxCells: 200_000, maxSharedStrings: 50_000,
        maxXMLNodesPerPart: 2_000_000, maxIssues: 2_000)
    let reader = COBieReader(limits: limits)
    switch mode {
    case 0:
        _ = try? reader.read(data: body)
    case 1:
        if let workbook = try? SpreadsheetMLReader(limits: limits).read(body) {
            _ = reader.interpret(workbook)
        }
    case 2:
        let header = Data("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Space</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>SheetName</t></is></c></row>".utf8)
        let parts = [(sheetName, header + body + Data("</sheetData></worksheet>".utf8)), ("Raw", body)]
        if let workbook = try? XLSXReader(limits: limits).decodeLooseParts(
            workbook: nil, relationships: nil, sharedStrings: nil, styles: nil, sheets: parts) {
            _ = reader.interpret(workbook)
        }
    default:
        // Split the body in four at 0xFF bytes: workbook, relationships, shared strings, styles.
        let pieces = body.split(separator: 0xFF, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
        func piece(_ i: Int) -> Data? { i < pieces.count ? pieces[i] : nil }
        let sheet = Data("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>40179</v></c></row></sheetData></worksheet>".utf8)
        _ = try? XLSXReader(limits: limits).decodeLooseParts(
            workbook: piece(0), relationships: piece(1), sharedStrings: piece(2), styles: piece(3),
            sheets: [(sheetName, sheet)])
    }
    return 0
}
