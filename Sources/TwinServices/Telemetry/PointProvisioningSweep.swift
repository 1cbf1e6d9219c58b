import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// At start-up, gives every site the points its assets imply (heals a crash between an import's
/// commit and its provisioning, and applies a changed `ATRIUM_POINT_RULES`); then idles.
public struct PointProvisioningSweep: Service {
    let twin: any TwinRepository
    let provisioner: PointProvisioner
    let logger: Logger

    public init(twin: any TwinRepository, provisioner: PointProvisioner, logger: Logger) {
        self.twin = twin
        self.provisioner = provisioner
        self.logger = logger
    }

    public func run() async throws {
        // The stores may still be starting: try until one sweep completes or we stop.
        while !Task.isCancelled {
            do {
                try await sweep()
                break
            } catch {
                logger.warning("point provisioning sweep failed; retrying in 5 s", metadata: ["error": .string(String(describing: type(of: error)))])
                do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(5)) } } catch { return }
            }
        }
        try? await gracefulShutdown()
    }

    public func sweep() async throws {
        var page = PageRequest(limit: 1000)
        for _ in 0..<1000 {
            let sites = try await twin.sites(page: page, scope: .everything)
            for site in sites.items { try await provisioner.provision(siteID: site.id) }
            guard let next = sites.nextCursor else { return }
            page = PageRequest(cursor: next, limit: 1000)
        }
    }
}
