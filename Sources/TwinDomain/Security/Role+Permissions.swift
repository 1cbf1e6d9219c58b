/// The ONE place where roles map to permissions.
///
/// Every authorization decision in Atrium goes through this table, so an
/// auditor can read the whole policy here.
extension Role {
    public var permissions: Set<Permission> {
        switch self {
        case .admin:
            return Set(Permission.allCases)
        case .facilityManager:
            return [.assetsRead, .assetsWrite, .importsCreate, .readingsIngest, .exportsCreate, .maintenanceWrite,
                    .liveRead, .alarmsAck, .alarmsManage, .workOrdersWrite]
        case .operator:
            return [.assetsRead, .liveRead, .alarmsAck, .workOrdersWrite]
        case .viewer:
            return [.assetsRead, .liveRead]
        case .auditor:
            // Auditors read and export the audit trail and nothing else.
            return [.auditRead, .auditExport]
        }
    }
}
