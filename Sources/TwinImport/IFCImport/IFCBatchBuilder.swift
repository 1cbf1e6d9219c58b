import Foundation
import IFC
import IFCGeometry
import TwinDomain

/// Walks one `IFCModel` and builds the import batch: spatial structure, classified assets, groups,
/// then (separately, in chunks) the BIM documents and fingerprints.
///
/// A struct with mutable caches rather than a class: it is used by one task from start to end.
struct IFCBatchBuilder {
    let model: IFCModel
    let rules: ClassificationRules
    let decoder: IFCValueDecoder
    let relations: IFCRelationCache
    let format: ImportFormat
    /// Project units → metres / square metres.
    let scale: Double
    let areaScale: Double
    var resolver: IFCPlacementResolver
    /// World boxes and direct containers of products with geometry, by GlobalId (metres).
    var geometry: [String: (box: Box3D, container: STEPInstanceID?)] = [:]

    var messages: [ImportMessage] = []
    var classChains: [Int: [String]] = [:]

    // Keys of what became part of the batch, by STEP id.
    var siteKey = ""
    var buildingKeys: [STEPInstanceID: String] = [:]
    var floorKeys: [STEPInstanceID: String] = [:]
    var spaceKeys: [STEPInstanceID: String] = [:]
    var assetKeys: [STEPInstanceID: String] = [:]
    /// Floor key → building key, space key → floor key, for assets found in a space.
    var floorOfSpace: [String: String] = [:]
    var buildingOfFloor: [String: String] = [:]

    init(model: IFCModel, rules: ClassificationRules, format: ImportFormat) {
        self.model = model
        self.rules = rules
        self.format = format
        decoder = IFCValueDecoder(model: model)
        relations = IFCRelationCache(model: model)
        scale = model.lengthUnitInMetres
        areaScale = model.unitScale("AREAUNIT")
        // Each product's placement is asked for at most a few times; only shared levels are worth keeping.
        resolver = IFCPlacementResolver(model: model, cachesQueriedPlacement: false)
    }

    /// Stores per-product boxes (and containers) from the geometry extractor.
    mutating func useGeometry(_ products: [IFCProductGeometry]) {
        geometry.reserveCapacity(products.count)
        for p in products where !p.bounds.isEmpty {
            let box = Box3D(min: Point3D(x: p.bounds.min.x, y: p.bounds.min.y, z: p.bounds.min.z),
                            max: Point3D(x: p.bounds.max.x, y: p.bounds.max.y, z: p.bounds.max.z))
            guard box.isFinite else { continue }
            geometry[p.globalId] = (box, p.container)
        }
    }

    // MARK: Batch

    mutating func buildBatch() throws(ImportError) -> ImportBatch {
        guard let project = model.project else {
            throw ImportError(code: ImportError.Code.noProject, message: "The IFC file has no IfcProject, so it describes no facility.")
        }
        let projectKey = model.globalID(of: project) ?? "#\(project.rawValue)"
        var batch = ImportBatch(format: format, schema: model.schemaIdentifier, projectKey: projectKey,
                                projectName: model.string(project, "Name") ?? model.string(project, "LongName"),
                                site: SiteDraft(key: projectKey + "#site", name: "Site"))
        reportDiagnostics()
        buildSpatial(into: &batch, projectKey: projectKey)
        buildAssets(into: &batch)
        buildGroups(into: &batch)
        batch.sourceCounts = model.countsByType()
        batch.messages = messages
        return batch
    }

    /// The first STEP/IFC errors as warnings: the import goes on, but users should know.
    mutating func reportDiagnostics() {
        var reported = 0
        for d in model.diagnostics where d.severity == .error {
            reported += 1
            guard reported <= 50 else { break }
            messages.append(ImportMessage(severity: .warning, message: d.message, location: "line \(d.line), column \(d.column)",
                                          code: "step.syntax"))
        }
    }

    // MARK: Helpers

    func name(_ id: STEPInstanceID) -> String? {
        model.string(id, "Name").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func key(_ id: STEPInstanceID) -> String {
        if let gid = model.globalID(of: id), !gid.isEmpty { return gid }
        return "#\(id.rawValue)"
    }

    func location(_ id: STEPInstanceID) -> String? {
        model.file.position(of: id).map { "line \($0.line), column \($0.column)" }
    }

    mutating func message(_ severity: ImportMessage.Severity, _ text: String, at id: STEPInstanceID?, code: String) {
        messages.append(ImportMessage(severity: severity, message: text, location: id.flatMap(location), code: code))
    }

    /// World placement of a product in metres (project units scaled), nil without a resolvable placement.
    mutating func world(_ id: STEPInstanceID) -> IFCMatrix4? {
        guard let placement = model.reference(id, "ObjectPlacement") else { return nil }
        switch resolver.world(placement) {
        case .success(let m): return m
        case .failure: return nil
        }
    }

    mutating func position(_ id: STEPInstanceID) -> Point3D? {
        guard let m = world(id) else { return nil }
        let p = Point3D(x: m[0, 3] * scale, y: m[1, 3] * scale, z: m[2, 3] * scale)
        return p.isFinite ? p : nil
    }

    func box(_ id: STEPInstanceID) -> Box3D? {
        model.globalID(of: id).flatMap { geometry[$0]?.box }
    }

    /// The class and its supertypes in schema spelling, cached per entity.
    mutating func classChain(_ id: STEPInstanceID) -> [String] {
        guard let e = model.entityIndex(of: id) else { return [] }
        if let cached = classChains[e] { return cached }
        let chain = EntityNames.chain(of: e, in: model.schema)
        classChains[e] = chain
        return chain
    }

    /// Spatial parent: the whole a spatial element is aggregated into, else its container.
    func spatialParent(_ id: STEPInstanceID) -> STEPInstanceID? {
        relations.aggregate(of: id) ?? relations.directContainer(of: id)
    }

    /// `id` and its spatial ancestors, nearest first (bounded against cycles).
    func spatialChain(_ id: STEPInstanceID) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = [id]
        var seen: Set<STEPInstanceID> = [id]
        var cursor = id
        while out.count < 64, let p = spatialParent(cursor), seen.insert(p).inserted {
            out.append(p)
            cursor = p
        }
        return out
    }

    static func isVague(_ predefined: String?) -> Bool {
        predefined == nil || predefined == "USERDEFINED" || predefined == "NOTDEFINED"
    }
}
