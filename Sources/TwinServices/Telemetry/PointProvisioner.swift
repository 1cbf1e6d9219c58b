import Foundation
import Logging
import TwinDomain

/// Gives a site the points its assets imply (``PointRules``) after each import, and once for
/// every site at start-up, so a crash between an import's commit and this step heals itself.
///
/// Idempotent: points are matched by external key, so a re-import keeps their ids (and the
/// readings behind them), and the points of retired assets are retired, never deleted. Each
/// run that changes something is one audited change (`points.sync`, by the system).
public struct PointProvisioner: Sendable {
    let twin: any TwinRepository
    let rules: PointRules
    let gateway: ChangeGateway<any TwinTransaction>
    let directory: PointDirectory?
    let logger: Logger

    public init(twin: any TwinRepository, rules: PointRules, directory: PointDirectory?, logger: Logger) {
        self.twin = twin
        self.rules = rules
        self.directory = directory
        self.logger = logger
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: twin), logger: logger)
    }

    /// The rules shipped with Atrium (`Resources/point-rules.json`), or the file at `path`.
    public static func loadRules(path: String?) throws -> PointRules {
        let url = path.map { URL(fileURLWithPath: $0) } ?? Bundle.module.url(forResource: "point-rules", withExtension: "json")
        guard let url, let data = FileManager.default.contents(atPath: url.path) else {
            throw PointRules.LoadError.invalid("cannot read \(path ?? "the shipped point-rules.json")")
        }
        return try PointRules.parse(data)
    }

    @discardableResult
    public func provision(siteID: UUID) async throws -> PointSyncResult {
        var assets: [Asset] = []
        var page = PageRequest(limit: 1000)
        for _ in 0..<1000 {
            let batch = try await twin.assets(AssetQuery(siteID: siteID, page: page), scope: .everything)
            assets += batch.items
            guard let next = batch.nextCursor else { break }
            page = PageRequest(cursor: next, limit: 1000)
        }
        let desired = rules.points(for: assets)
        let change = Change(permission: .assetsWrite, action: "points.sync", objectKind: "site",
                            objectID: siteID.uuidString.lowercased(), siteID: siteID)
        let result = try await gateway.perform(change, by: Principal.system(name: "point-provisioner"), context: AuditContext()) { tx, _ in
            let result = try await tx.syncDerivedPoints(siteID: siteID, desired: desired)
            return ChangeResult(result, siteID: siteID, after: .object([
                "created": .int(Int64(result.created)), "updated": .int(Int64(result.updated)), "retired": .int(Int64(result.retired)),
            ]))
        }
        if result.created + result.updated + result.retired > 0 {
            directory?.invalidate()
            logger.info("points provisioned", metadata: ["site": .string(siteID.uuidString.lowercased()),
                                                         "created": .string(String(result.created)), "updated": .string(String(result.updated)),
                                                         "retired": .string(String(result.retired))])
        }
        return result
    }
}
