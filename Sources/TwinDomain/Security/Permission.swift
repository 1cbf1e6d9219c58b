/// A named capability checked by every route and every write.
///
/// Names are stable strings because they appear in API keys, the audit log and
/// the route table that auditors read; renaming one is a breaking change.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case assetsRead = "assets.read"
    case assetsWrite = "assets.write"
    case importsCreate = "imports.create"
    /// Send readings (`POST /v1/readings`): for gateways' API keys and facility managers.
    case readingsIngest = "readings.ingest"
    case exportsCreate = "exports.create"
    case maintenanceWrite = "maintenance.write"
    case liveRead = "live.read"
    case alarmsAck = "alarms.ack"
    /// Create, change and delete alarm rules (`/v1/alarm-rules`).
    case alarmsManage = "alarms.manage"
    case workOrdersWrite = "workorders.write"
    case auditRead = "audit.read"
    case auditExport = "audit.export"
    case usersManage = "users.manage"
    case apiKeysManage = "apikeys.manage"
    /// Start and stop the simulator's incident scenarios (`/v1/scenarios`): admins only, since a
    /// scenario makes a building raise real alarms and notifications.
    case scenariosRun = "scenarios.run"

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
}
