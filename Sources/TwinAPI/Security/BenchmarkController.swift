import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// Two identical scoped reads, one public and one requiring `audit.read`, so
/// `tools/bench-auth` can measure what authentication + authorization cost on
/// the same request. Only registered when `ATRIUM_BENCH_ROUTES=1`.
struct BenchmarkController {
    let audit: AuditService

    func addRoutes(to routes: SecuredRouter) {
        let audit = self.audit
        let query = AuditQuery(limit: 10)
        let everyone = Principal(kind: .system, id: UUID(), name: "bench", roles: [],
                                 entitlements: [Entitlement(permissions: [.auditRead], target: .global)])
        routes.get("/v1/bench/open", requires: .public) { _, _ in
            try JSONBody.response(["rows": try await audit.records(query, for: everyone).count])
        }
        routes.get("/v1/bench/secured", requires: .requires(.auditRead)) { _, context in
            try JSONBody.response(["rows": try await audit.records(query, for: try context.requirePrincipal()).count])
        }
    }
}
