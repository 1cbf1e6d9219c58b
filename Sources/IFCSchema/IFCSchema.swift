/// One IFC schema: entities, types, enumerations and selects, with O(1) lookups.
///
/// Why a class built from a text table: the generated table compiles quickly and the lookup structures
/// (name dictionaries, ancestor tables) are built once per schema, on first use of `IFCSchema.ifc4` etc.
public final class IFCSchema: Sendable {
    public let id: IFCSchemaID
    /// All entities, sorted by name; `IFCEntity.index` is the position here.
    public let entities: [IFCEntity]
    public let definedTypes: [String: IFCDefinedType]
    /// Enumeration name → values (UPPERCASE as STEP writes them).
    public let enumerations: [String: [String]]
    /// Select name → member type names.
    public let selects: [String: [String]]

    private let indexByUpperName: [String: Int]
    /// Schema spelling → index, so CamelCase lookups (from INVERSE targets, API callers) skip uppercasing.
    private let indexByName: [String: Int]
    /// Own and inherited inverse declarations by name, per entity.
    private let inverseByName: [[String: IFCInverseAttribute]]
    private let depth: [UInt8]
    /// Row-major `entities.count × maxDepth` table: ancestor of entity `e` at depth `d` (root is depth 0).
    private let ancestors: [Int32]
    private let maxDepth: Int
    private let attributeIndex: [[String: Int]]

    public static let ifc2x3 = IFCSchema(id: .ifc2x3)
    public static let ifc4 = IFCSchema(id: .ifc4)
    public static let ifc4x3 = IFCSchema(id: .ifc4x3)

    public static func schema(_ id: IFCSchemaID) -> IFCSchema {
        switch id {
        case .ifc2x3: return ifc2x3
        case .ifc4: return ifc4
        case .ifc4x3: return ifc4x3
        }
    }

    init(id: IFCSchemaID) {
        self.id = id
        var rows: [(name: String, sup: String, abstract: Bool, attrs: Substring, invs: Substring)] = []
        var defined: [String: IFCDefinedType] = [:]
        var enums: [String: [String]] = [:]
        var sels: [String: [String]] = [:]
        for line in IFCSchemaTables.table(for: id).split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false)
            guard let tag = f.first else { continue }
            switch tag {
            case "T" where f.count >= 4:
                let (kind, depth) = Self.decodeCode(f[2])
                defined[String(f[1])] = IFCDefinedType(
                    name: String(f[1]), kind: kind, aggregateDepth: depth, underlying: String(f[3]))
            case "N" where f.count >= 3:
                enums[String(f[1])] = f[2].split(separator: ",").map(String.init)
            case "S" where f.count >= 3:
                sels[String(f[1])] = f[2].split(separator: ",").map(String.init)
            case "E" where f.count >= 6:
                rows.append((String(f[1]), String(f[2]), f[3] == "1", f[4], f[5]))
            default:
                continue
            }
        }
        var byUpper: [String: Int] = [:]
        byUpper.reserveCapacity(rows.count)
        for (i, r) in rows.enumerated() { byUpper[r.name.uppercased()] = i }
        var ents: [IFCEntity] = []
        ents.reserveCapacity(rows.count)
        var attrIndex: [[String: Int]] = []
        for (i, r) in rows.enumerated() {
            var attrs: [IFCAttribute] = []
            var names: [String: Int] = [:]
            for spec in r.attrs.split(separator: ",") {
                let p = spec.split(separator: ":", omittingEmptySubsequences: false)
                guard p.count == 3 else { continue }
                let code = p[1]
                let (kind, depth) = Self.decodeCode(code.filter { $0 != "?" && $0 != "*" })
                names[String(p[0])] = attrs.count
                attrs.append(IFCAttribute(
                    name: String(p[0]), kind: kind, aggregateDepth: depth, typeName: String(p[2]),
                    isOptional: code.contains("?"), isDerived: code.contains("*")))
            }
            let invs: [IFCInverseAttribute] = r.invs.split(separator: ",").compactMap { spec in
                // The aggregate bound (`SET[0:?]`) contains ':' itself, hence maxSplits.
                let p = spec.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
                guard p.count == 4 else { return nil }
                return IFCInverseAttribute(
                    name: String(p[0]), targetEntity: String(p[1]), targetAttribute: String(p[2]),
                    aggregate: String(p[3]))
            }
            ents.append(IFCEntity(
                index: i, name: r.name, supertype: r.sup.isEmpty ? nil : byUpper[r.sup.uppercased()],
                isAbstract: r.abstract, attributes: attrs, ownInverses: invs))
            attrIndex.append(names)
        }
        // Ancestor chains, bounded so a malformed table can never loop.
        var chains: [[Int32]] = []
        chains.reserveCapacity(ents.count)
        var deepest = 1
        for e in ents {
            var chain: [Int32] = [Int32(e.index)]
            var cursor = e.supertype
            while let c = cursor, chain.count < 64 {
                chain.append(Int32(c))
                cursor = ents[c].supertype
            }
            chain.reverse()
            deepest = max(deepest, chain.count)
            chains.append(chain)
        }
        var table = [Int32](repeating: -1, count: ents.count * deepest)
        var depths = [UInt8](repeating: 0, count: ents.count)
        for (i, chain) in chains.enumerated() {
            depths[i] = UInt8(chain.count - 1)
            for (d, a) in chain.enumerated() { table[i * deepest + d] = a }
        }
        var byName: [String: Int] = [:]
        byName.reserveCapacity(ents.count)
        for e in ents { byName[e.name] = e.index }
        var inverseTable: [[String: IFCInverseAttribute]] = []
        inverseTable.reserveCapacity(ents.count)
        for chain in chains {
            var table: [String: IFCInverseAttribute] = [:]
            for a in chain { for inv in ents[Int(a)].ownInverses { table[inv.name] = inv } }
            inverseTable.append(table)
        }
        indexByName = byName
        inverseByName = inverseTable
        entities = ents
        definedTypes = defined
        enumerations = enums
        selects = sels
        indexByUpperName = byUpper
        depth = depths
        ancestors = table
        maxDepth = deepest
        attributeIndex = attrIndex
    }

    private static func decodeCode<S: StringProtocol>(_ code: S) -> (IFCAttributeKind, Int) {
        var depth = 0
        var kind = IFCAttributeKind.string
        for ch in code {
            if ch == "L" { depth += 1 } else if let k = IFCAttributeKind(code: ch) { kind = k }
        }
        return (kind, depth)
    }

    /// Entity index for an UPPERCASE (STEP) or any-case name.
    public func entityIndex(named name: String) -> Int? {
        if let i = indexByUpperName[name] { return i }
        if let i = indexByName[name] { return i }
        return indexByUpperName[name.uppercased()]
    }

    public func entity(named name: String) -> IFCEntity? {
        entityIndex(named: name).map { entities[$0] }
    }

    /// True when `entity` is `ancestor` or one of its subtypes. O(1).
    public func isSubtype(_ entity: Int, of ancestor: Int) -> Bool {
        guard entity >= 0, entity < depth.count, ancestor >= 0, ancestor < depth.count else { return false }
        let d = Int(depth[ancestor])
        guard Int(depth[entity]) >= d else { return false }
        return ancestors[entity * maxDepth + d] == Int32(ancestor)
    }

    /// Name-based convenience; false when either name is not in this schema.
    public func isSubtype(_ entity: String, of ancestor: String) -> Bool {
        guard let e = entityIndex(named: entity), let a = entityIndex(named: ancestor) else { return false }
        return isSubtype(e, of: a)
    }

    /// Position of an attribute in the STEP argument list of `entity`.
    public func attributeIndex(_ name: String, in entity: Int) -> Int? {
        guard entity >= 0, entity < attributeIndex.count else { return nil }
        return attributeIndex[entity][name]
    }

    /// The inverse attribute `name` as seen from `entity` (declared there or inherited).
    public func inverse(named name: String, in entity: Int) -> IFCInverseAttribute? {
        guard entity >= 0, entity < inverseByName.count else { return nil }
        return inverseByName[entity][name]
    }

    /// Own and inherited inverse attributes, supertypes first.
    public func inverses(of entity: Int) -> [IFCInverseAttribute] {
        guard entity >= 0, entity < entities.count else { return [] }
        var out: [IFCInverseAttribute] = []
        for d in 0...Int(depth[entity]) {
            let a = Int(ancestors[entity * maxDepth + d])
            out.append(contentsOf: entities[a].ownInverses)
        }
        return out
    }

    /// All entities that are `ancestor` or its subtypes.
    public func subtypes(of ancestor: Int) -> [Int] {
        entities.indices.filter { isSubtype($0, of: ancestor) }
    }
}
