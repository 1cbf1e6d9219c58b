import Foundation
import IFCSchema
import STEP

/// A STEP file read against an IFC schema: typed attribute access, inverse relations and the
/// semantic queries (spatial tree, containment, types, property sets, units, placements).
///
/// Why no object per instance: everything is answered from the STEP index (which also numbers
/// instances 0..<count in file order, the "ordinals", and keeps a type code per instance) plus a
/// schema entity per type code and one sorted inverse index over relationships built here, so a
/// 450k-instance model costs nothing per instance beyond the STEP index.
public final class IFCModel: Sendable {
    public let file: STEPFile
    public let schema: IFCSchema
    /// FILE_SCHEMA identifier as written.
    public let schemaIdentifier: String
    /// STEP syntax problems plus schema-level ones (schema mismatch, unknown entities, argument counts,
    /// dangling references).
    public let diagnostics: [STEPDiagnostic]

    /// Schema entity index per STEP type code (`STEPFile.entityTypes`); -1 for complex instances and
    /// unknown names.
    let entityOfCode: [Int32]
    let inverse: IFCInverseIndex
    /// Same entries in referencing-instance order: relationship → its indexed references.
    let forward: IFCForwardIndex
    /// Attribute positions held in `forward`, per schema entity.
    let indexedAttributes: [[Int]]
    let common: IFCCommonEntities

    public convenience init(contentsOf url: URL) throws(IFCError) {
        let file: STEPFile
        do { file = try STEPFile.read(contentsOf: url) } catch { throw .step(error) }
        try self.init(file: file)
    }

    public init(file: STEPFile) throws(IFCError) {
        self.file = file
        guard let identifier = file.header.schemaIdentifiers.first else { throw .missingSchema }
        schemaIdentifier = identifier
        let resolution: IFCSchemaResolution
        do { resolution = try IFCSchema.for(identifier: identifier) } catch { throw .unsupportedSchema(identifier) }
        let schema = resolution.schema
        self.schema = schema
        var diags = file.diagnostics
        if let warning = resolution.warning {
            let at = Self.offset(of: Array("FILE_SCHEMA".utf8), in: file.bytes) ?? 0
            let (line, column) = file.position(ofByteOffset: at)
            diags.append(STEPDiagnostic(severity: .warning, line: line, column: column, byteOffset: at, message: warning))
        }

        let typeNames = file.entityTypes
        var entityOfCode = [Int32](repeating: -1, count: typeNames.count)
        var unknown = [Bool](repeating: false, count: typeNames.count)
        for (code, name) in typeNames.enumerated() where !name.contains("+") {
            if let e = schema.entityIndex(named: name) { entityOfCode[code] = Int32(e) } else { unknown[code] = true }
        }
        // One warning per unknown entity name, at its first instance.
        if unknown.contains(true) {
            var firstOrdinal = [Int](repeating: -1, count: typeNames.count)
            for k in file.ordinals(ofTypeCodes: unknown) where firstOrdinal[file.typeCode(atOrdinal: k)] < 0 {
                firstOrdinal[file.typeCode(atOrdinal: k)] = k
            }
            let firsts = firstOrdinal.enumerated().filter { $0.element >= 0 }.sorted { $0.element < $1.element }
            for (code, k) in firsts {
                diags.append(file.diagnostic(
                    .warning, at: file.instanceID(atOrdinal: k),
                    "entity \(typeNames[code]) is not part of \(schema.id.rawValue); its instances are ignored"))
            }
        }
        self.entityOfCode = entityOfCode
        common = IFCCommonEntities(schema: schema)
        let built = Self.buildInverseIndex(file: file, schema: schema, entityOfCode: entityOfCode)
        inverse = built.inverse
        forward = built.forward
        indexedAttributes = built.indexed
        diags.append(contentsOf: Self.scanInstances(file: file, schema: schema, entityOfCode: entityOfCode))
        diagnostics = diags
    }

    // MARK: Instances

    public var instanceCount: Int { file.instanceCount }

    /// Schema entity of an instance, nil for unknown/complex instances or missing ids.
    public func entity(of id: STEPInstanceID) -> IFCEntity? {
        entityIndex(of: id).map { schema.entities[$0] }
    }

    /// Entity index of an instance (see `IFCSchema.entities`).
    public func entityIndex(of id: STEPInstanceID) -> Int? {
        guard let code = file.typeCode(of: id) else { return nil }
        let e = Int(entityOfCode[code])
        return e < 0 ? nil : e
    }

    /// Entity index of the instance at `ordinal`, or -1 for complex/unknown instances.
    @inline(__always) func entityIndex(atOrdinal ordinal: Int) -> Int {
        Int(entityOfCode[file.typeCode(atOrdinal: ordinal)])
    }

    /// Schema spelling of the instance's type (`IfcWallStandardCase`), or the STEP name if unknown.
    public func typeName(of id: STEPInstanceID) -> String? {
        if let e = entity(of: id) { return e.name }
        return file.typeName(of: id)
    }

    /// `is_a` in the IfcOpenShell sense: the instance's entity is `entityName` or a subtype.
    public func isA(_ id: STEPInstanceID, _ entityName: String) -> Bool {
        guard let e = entityIndex(of: id), let a = schema.entityIndex(named: entityName) else { return false }
        return schema.isSubtype(e, of: a)
    }

    func isA(_ id: STEPInstanceID, entity a: Int) -> Bool {
        guard a >= 0, let e = entityIndex(of: id) else { return false }
        return schema.isSubtype(e, of: a)
    }

    /// All instances whose entity is `entityName` or one of its subtypes, in file order.
    public func instances(of entityName: String) -> [STEPInstanceID] {
        guard let a = schema.entityIndex(named: entityName) else { return [] }
        return instances(ofEntity: a)
    }

    func instances(ofEntity a: Int) -> [STEPInstanceID] {
        guard a >= 0 else { return [] }
        let wanted = entityOfCode.map { e in e >= 0 && schema.isSubtype(Int(e), of: a) }
        return file.ordinals(ofTypeCodes: wanted).map { file.instanceID(atOrdinal: $0) }
    }

    /// Instance count per schema entity name (CamelCase); unknown STEP names are kept as written.
    public func countsByType() -> [String: Int] {
        var perCode = file.instanceCountsByTypeCode()
        var out: [String: Int] = [:]
        for (code, name) in file.entityTypes.enumerated() where perCode[code] > 0 {
            let key = schema.entityIndex(named: name).map { schema.entities[$0].name } ?? name
            out[key, default: 0] += perCode[code]
            perCode[code] = 0
        }
        return out
    }

    static func offset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let limit = min(bytes.count - needle.count, 1 << 20)
        var i = 0
        while i <= limit {
            if bytes[i] == needle[0] {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
