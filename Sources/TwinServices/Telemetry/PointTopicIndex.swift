import Foundation
import TelemetryCore
import TwinDomain

/// Finds the point an MQTT topic names, from the variables a topic template captured.
///
/// A gateway names things the way its configuration does, so every level accepts several
/// spellings: a site or building by id, exact name or slug (`Frankfurt West Campus`,
/// `frankfurt-west-campus`); an asset by id, tag or name, the measured asset or the sensor
/// producing the point; and the last level by the point's own suffix (the part of its external
/// key after `<asset name>/`, e.g. `return_temperature`) or its quantity when that is unique on
/// the asset. `{point}`/`{key}` name a point directly (id or external key). A point with an
/// explicit `topic` is found by that topic first. Anything ambiguous resolves to nothing.
struct PointTopicIndex: Sendable {
    struct AssetRef: Sendable, Hashable {
        var assetID: String
        var siteID: UUID
        var buildingID: UUID?
    }

    private(set) var byTopic: [String: UUID] = [:]
    private(set) var assetsByAlias: [String: Set<AssetRef>] = [:]
    private(set) var siteAliases: [UUID: Set<String>] = [:]
    private(set) var buildingAliases: [UUID: Set<String>] = [:]
    /// Asset key (the alias set's canonical name) → last-level alias → points.
    private(set) var pointsByAsset: [String: [String: Set<UUID>]] = [:]

    init() {}

    init(points: [Point], addresses: [PointAddress]) {
        let byID = Dictionary(points.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for point in points {
            if let topic = point.topic { byTopic[topic] = byTopic[topic] == nil ? point.id : nil }
        }
        for address in addresses {
            guard let point = byID[address.pointID] else { continue }
            siteAliases[point.siteID, default: []].formUnion(Self.aliases(id: point.siteID, name: address.siteName))
            if let building = point.buildingID, let name = address.buildingName {
                buildingAliases[building, default: []].formUnion(Self.aliases(id: building, name: name))
            }
            for (assetID, name, tag) in [(point.assetID, address.assetName, address.assetTag),
                                         (point.sensorAssetID, address.sensorName, address.sensorTag)] {
                guard let assetID, let name else { continue }
                let key = assetID.uuidString.lowercased()
                let ref = AssetRef(assetID: key, siteID: point.siteID, buildingID: point.buildingID)
                for alias in Set([key, name, tag].compactMap { $0 }) { assetsByAlias[alias, default: []].insert(ref) }
                var levels: Set<String> = [point.quantity.rawValue]
                if let external = point.externalKey, external.hasPrefix(name + "/") {
                    levels.insert(String(external.dropFirst(name.count + 1)))
                }
                for level in levels { pointsByAsset[key, default: [:]][level, default: []].insert(point.id) }
            }
        }
    }

    static func aliases(id: UUID, name: String) -> Set<String> {
        [id.uuidString.lowercased(), name, slug(name)]
    }

    /// Lower case, every run of other characters than letters and digits one `-`.
    static func slug(_ text: String) -> String { TopicSlug.of(text) }

    enum Resolution: Equatable {
        case point(UUID)
        /// Why nothing matched, for the log line and the counter.
        case unknown(String)
    }

    /// `externalKey` resolves `{point}`/`{key}` captures through the directory.
    func resolve(topic: String, captures: [String: String], externalKey: (String) -> UUID?) -> Resolution {
        if let id = byTopic[topic] { return .point(id) }
        if let direct = captures["point"] ?? captures["key"] {
            if let id = UUID(uuidString: direct), externalKey(direct) == nil { return .point(id) }
            return externalKey(direct).map(Resolution.point) ?? .unknown("no point with key '\(direct.prefix(80))'")
        }
        guard let assetName = captures["asset"] ?? captures["rack"] ?? captures["device"] ?? captures["sensor"] else {
            return .unknown("the template captures neither {asset} nor {point}")
        }
        guard let level = captures["quantity"] else { return .unknown("the template has no {quantity} level") }
        var refs = assetsByAlias[assetName] ?? []
        if let site = captures["site"] { refs = refs.filter { siteAliases[$0.siteID]?.contains(site) ?? false } }
        if let building = captures["building"] {
            refs = refs.filter { ref in ref.buildingID.map { buildingAliases[$0]?.contains(building) ?? false } ?? false }
        }
        let assets = Set(refs.map(\.assetID))
        guard assets.count == 1, let asset = assets.first else {
            return .unknown(assets.isEmpty ? "no asset '\(assetName.prefix(80))' in that site and building"
                                           : "asset '\(assetName.prefix(80))' is ambiguous")
        }
        guard let points = pointsByAsset[asset]?[level], points.count == 1, let point = points.first else {
            return .unknown("asset '\(assetName.prefix(80))' has \(pointsByAsset[asset]?[level]?.isEmpty == false ? "several points" : "no point") '\(level.prefix(80))'")
        }
        return .point(point)
    }
}
