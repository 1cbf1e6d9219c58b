import Foundation
import Testing
@testable import TwinDomain

@Suite("Role → permission mapping and scopes")
struct RolePermissionTests {
    /// The policy as an auditor reads it. Changing a role's rights must change this table.
    static let expected: [Role: Set<String>] = [
        .admin: Set(Permission.allCases.map(\.rawValue)),
        .facilityManager: ["assets.read", "assets.write", "imports.create", "readings.ingest", "exports.create", "maintenance.write",
                           "live.read", "alarms.ack", "alarms.manage", "workorders.write"],
        .operator: ["assets.read", "live.read", "alarms.ack", "workorders.write"],
        .viewer: ["assets.read", "live.read"],
        .auditor: ["audit.read", "audit.export"],
    ]

    @Test(arguments: Role.allCases)
    func roleHasExactlyItsPermissions(role: Role) {
        #expect(Set(role.permissions.map(\.rawValue)) == Self.expected[role])
    }

    @Test func onlyAdminsManageUsersAndKeys() {
        for role in Role.allCases where role != .admin {
            #expect(!role.permissions.contains(.usersManage))
            #expect(!role.permissions.contains(.apiKeysManage))
        }
    }

    @Test func auditorCannotReadAssets() {
        #expect(Role.auditor.permissions.isDisjoint(with: [.assetsRead, .assetsWrite, .liveRead]))
    }

    @Test func buildingGrantCoversOnlyThatBuilding() {
        let site = UUID(), building = UUID(), otherBuilding = UUID()
        let principal = Principal(userID: UUID(), name: "op",
                                  grants: [Grant(role: .operator, target: .building(building, site: site))])
        let scope = principal.scope(for: .assetsRead)
        #expect(scope.contains(siteID: site, buildingID: building))
        #expect(!scope.contains(siteID: site, buildingID: otherBuilding))
        #expect(!scope.contains(siteID: site))  // the site object itself
        #expect(principal.scope(for: .assetsWrite).isEmpty)
    }

    @Test func siteGrantCoversItsBuildingsButNotOtherSites() {
        let siteA = UUID(), siteB = UUID()
        let principal = Principal(userID: UUID(), name: "fm", grants: [Grant(role: .facilityManager, target: .site(siteA))])
        #expect(principal.can(.assetsWrite, siteID: siteA, buildingID: UUID()))
        #expect(!principal.can(.assetsWrite, siteID: siteB, buildingID: UUID()))
        #expect(!principal.can(.assetsWrite, siteID: nil))
        #expect(!principal.scope(for: .assetsRead).covers(.global))
    }

    @Test func globalGrantCoversEverything() {
        let principal = Principal(userID: UUID(), name: "root", grants: [Grant(role: .admin, target: .global)])
        #expect(principal.scope(for: .usersManage).isGlobal)
        #expect(principal.can(.auditExport, siteID: UUID()))
    }

    @Test func grantsUnionAcrossTargets() {
        let siteA = UUID(), siteB = UUID()
        let principal = Principal(userID: UUID(), name: "u", grants: [
            Grant(role: .viewer, target: .site(siteA)), Grant(role: .auditor, target: .site(siteB)),
        ])
        #expect(principal.scope(for: .assetsRead).siteIDs == [siteA])
        #expect(principal.scope(for: .auditRead).siteIDs == [siteB])
        #expect(principal.roles == [.viewer, .auditor])
    }

    @Test func scopedAdministrationRules() {
        let siteA = UUID(), siteB = UUID()
        let user = UserRecord(id: UUID(), name: "x", passwordHash: "", disabled: false, securityVersion: 1, grants: [
            Grant(role: .viewer, target: .site(siteA)), Grant(role: .viewer, target: .site(siteB)),
        ])
        let adminA = AccessScope(siteIDs: [siteA])
        #expect(user.isVisible(in: adminA))
        #expect(!user.isFullyCovered(by: adminA))  // cannot disable a user who also works on site B
        #expect(user.isFullyCovered(by: .everything))
        #expect(!user.isVisible(in: AccessScope(siteIDs: [UUID()])))
    }
}
