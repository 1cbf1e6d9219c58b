import Foundation

/// An indexed ISO 10303-21 (STEP physical) file.
///
/// Reading makes one pass over the bytes that records, per instance, only its id, type
/// code and the offset of its argument list in flat arrays (10 bytes per instance; the id →
/// position lookup adds under half a byte per id when ids ascend, about 2 bytes otherwise).
/// Arguments are decoded when asked for, so opening a large model is cheap and callers
/// pay only for the instances they touch. Immutable and `Sendable`: share it freely.
public struct STEPFile: Sendable {
    let storage: Storage

    public var header: STEPHeader { storage.header }
    /// Problems found while reading, in file order, with positions.
    public var diagnostics: [STEPDiagnostic] { storage.diagnostics }
    /// Number of DATA sections read.
    public var dataSectionCount: Int { storage.dataSectionCount }
    /// Distinct entity type names, uppercase as written; the index is the type code.
    /// Complex instances get one entry naming their parts in order, joined by `+`.
    public var entityTypes: [String] { storage.entityTypes }
    public var instanceCount: Int { storage.ids.count }
    /// The (decompressed) STEP bytes the index points into.
    public var bytes: [UInt8] { storage.bytes }

    /// Reads and indexes the file at `url`; gzip and zip (`.ifczip`) are detected by their
    /// magic bytes and decompressed first.
    public static func read(contentsOf url: URL, options: STEPReadOptions = .init()) throws(STEPError) -> STEPFile {
        let raw = try STEPFileReader.readAll(path: url.path)
        return try STEPFile(bytes: raw, options: options)
    }

    /// Indexes `bytes` (plain STEP, gzip or zip).
    public init(bytes: [UInt8], options: STEPReadOptions = .init()) throws(STEPError) {
        let plain = try STEPDecompression.decompressIfNeeded(bytes, options: options)
        guard plain.count < Int(Int32.max) * 64 else { throw .inputTooLarge(plain.count) }
        storage = Storage(bytes: plain, options: options)
    }

    // MARK: Instances

    /// All instance ids in file order.
    public var allInstanceIDs: [STEPInstanceID] {
        let ids = storage.ids
        return (0..<ids.count).map { STEPInstanceID(ids[$0]) }
    }

    public func contains(_ id: STEPInstanceID) -> Bool { storage.slot(of: id.rawValue) != nil }

    /// Type code of `id` (index into `entityTypes`), or nil if there is no such instance.
    public func typeCode(of id: STEPInstanceID) -> Int? {
        guard let s = storage.slot(of: id.rawValue) else { return nil }
        return Int(storage.typeCodes[s] & ~STEPIndexer.complexFlag)
    }

    public func typeName(of id: STEPInstanceID) -> String? {
        typeCode(of: id).map { storage.entityTypes[$0] }
    }

    /// Code of an uppercase type name, or nil if no instance has that type.
    public func typeCode(named name: String) -> Int? { storage.codeByName[name] }

    /// Whether `id` is a complex instance `#1=(A(..)B(..));`.
    public func isComplex(_ id: STEPInstanceID) -> Bool {
        guard let s = storage.slot(of: id.rawValue) else { return false }
        return storage.typeCodes[s] & STEPIndexer.complexFlag != 0
    }

    /// Instances of one type code, in file order (a linear scan of 4-byte codes).
    public func instances(ofTypeCode code: Int) -> [STEPInstanceID] {
        guard code >= 0, code < storage.entityTypes.count else { return [] }
        let target = UInt16(code)
        var result: [STEPInstanceID] = []
        let codes = storage.typeCodes
        let ids = storage.ids
        for k in 0..<codes.count where codes[k] & ~STEPIndexer.complexFlag == target {
            result.append(STEPInstanceID(ids[k]))
        }
        return result
    }

    /// Instances whose type name is `name` (uppercase).
    public func instances(ofType name: String) -> [STEPInstanceID] {
        guard let code = typeCode(named: name) else { return [] }
        return instances(ofTypeCode: code)
    }

    /// Number of instances per type code (index = type code).
    public func instanceCountsByTypeCode() -> [Int] {
        var counts = [Int](repeating: 0, count: storage.entityTypes.count)
        for code in storage.typeCodes { counts[Int(code & ~STEPIndexer.complexFlag)] += 1 }
        return counts
    }

    /// Decodes the arguments of `id` now (nothing is cached: keep the result if needed).
    /// For a complex instance the values are one `.typed(part, args)` per part.
    public func arguments(of id: STEPInstanceID) -> STEPArguments? {
        guard let s = storage.slot(of: id.rawValue) else { return nil }
        return storage.decodeArguments(slot: s, id: id.rawValue)
    }

    /// Byte offset of the instance's `#` (for diagnostics and raw access).
    public func byteOffset(of id: STEPInstanceID) -> Int? {
        guard let s = storage.slot(of: id.rawValue) else { return nil }
        return storage.instanceStart(slot: s)
    }

    /// Byte range of the argument list `( … )` of `id`, parentheses included.
    public func argumentByteRange(of id: STEPInstanceID) -> Range<Int>? {
        guard let s = storage.slot(of: id.rawValue) else { return nil }
        return storage.argumentRange(slot: s)
    }

    /// 1-based line of the instance's `#`.
    public func line(of id: STEPInstanceID) -> Int? { position(of: id)?.line }

    /// 1-based byte column of the instance's `#`.
    public func column(of id: STEPInstanceID) -> Int? { position(of: id)?.column }

    public func position(of id: STEPInstanceID) -> (line: Int, column: Int)? {
        byteOffset(of: id).map { storage.lines.position(of: $0) }
    }

    /// 1-based line and byte column of a byte offset.
    public func position(ofByteOffset offset: Int) -> (line: Int, column: Int) {
        storage.lines.position(of: offset)
    }

    /// Builds a diagnostic at an instance, so the IFC layer can report schema problems
    /// with the same positions as syntax problems.
    public func diagnostic(
        _ severity: STEPDiagnostic.Severity, at id: STEPInstanceID, _ message: String
    ) -> STEPDiagnostic {
        let offset = byteOffset(of: id) ?? 0
        let (line, column) = storage.lines.position(of: offset)
        return STEPDiagnostic(
            severity: severity, line: line, column: column, byteOffset: offset, message: message, instance: id)
    }
}
