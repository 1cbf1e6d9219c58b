import CapacityCore
import Foundation
import TwinDomain
import TwinServices

extension TwinRepresentation {
    static func capacity(_ report: CapacityService.Report, includeRacks: Bool) -> JSONValue {
        let model = report.model
        func name(_ id: String) -> JSONValue { .text(report.names[id]) }
        let rollups: [JSONValue] = model.rollups.map { r in
            .object([("level", .string(r.level.rawValue)), ("id", .string(r.id)),
                     ("name", r.level == .row ? .string(String(r.id.split(separator: "/").last ?? "")) : name(r.id)),
                     ("racks", .int(r.racks)),
                     ("units", .object([("total", .int(r.unitsTotal)), ("used", .int(r.unitsUsed)), ("reserved", .int(r.unitsReserved)),
                                        ("free", .int(r.unitsFree)), ("utilisation", .number(r.spaceUtilisation))])),
                     ("power", .object([("load_w", .double(r.loadW)), ("budget_w", .double(r.powerBudgetW)),
                                        ("utilisation", .number(r.powerUtilisation))])),
                     ("weight", .object([("kg", .double(r.weightKg)), ("budget_kg", .double(r.weightBudgetKg)),
                                         ("utilisation", .number(r.weightUtilisation))])),
                     ("cooling", .object([("heat_w", .double(r.loadW)), ("heat_btu_h", .double(r.loadW * 3.412_141_633)),
                                          ("budget_w", .double(r.coolingBudgetW)), ("utilisation", .number(r.coolingUtilisation))])),
                     ("flags", .object([("amber", .int(r.amber)), ("red", .int(r.red))]))])
        }
        let rooms: [JSONValue] = model.rooms.values.sorted { $0.spaceID < $1.spaceID }.map { room in
            .object([("space_id", .string(room.spaceID)), ("name", name(room.spaceID)), ("heat_w", .double(room.heatW)),
                     ("cooling_w", .double(room.coolingW)), ("cooling_units", .int(room.units)), ("largest_unit_w", .double(room.largestUnitW)),
                     ("cooling_without_largest_w", .double(room.coolingWithoutLargestW)),
                     ("holds_without_largest", room.units > 0 ? .bool(room.holdsWithoutLargest) : .null),
                     ("utilisation", .number(room.utilisation)), ("utilisation_without_largest", .number(room.utilisationWithoutLargest))])
        }
        let nodes: [JSONValue] = model.nodes.values.sorted { $0.name < $1.name }.map { node in
            let rated = node.availableW.isFinite
            return .object([("id", .string(node.id)), ("name", .string(node.name)), ("feed", .text(node.feed)), ("rated", .bool(rated)),
                            ("rating_source", .string(node.ratingSource)),
                            ("available_w", rated ? .double(node.availableW) : .null), ("load_w", .double(node.loadW)),
                            ("failover_load_w", .double(node.failoverLoadW)),
                            ("utilisation", rated ? .double(node.utilisation) : .null),
                            ("failover_utilisation", rated ? .double(node.failoverUtilisation) : .null),
                            ("upstream", .array(node.upstream.map { .string($0) })), ("racks", .int(node.racks))])
        }
        var members: [(String, JSONValue)] = [
            ("window_h", .double(report.windowHours)),
            ("thresholds", .object([("amber", .double(model.thresholds.amber)), ("red", .double(model.thresholds.red))])),
            ("rollups", .array(rollups)), ("rooms", .array(rooms)), ("power_nodes", .array(nodes)),
            ("unrated_cooling_units", .int(report.unratedCoolingUnits)),
        ]
        if includeRacks { members.append(("racks", .array(model.racks.map { capacityRack($0, names: report.names) }))) }
        return .object(members)
    }

    static func capacityRack(_ rack: CapacityModel.Rack, names: [String: String]) -> JSONValue {
        let u = rack.units
        let headroom = rack.redundancy.headroomW
        return .object([
            ("id", .string(rack.id)), ("name", .string(rack.name)), ("row", .text(rack.row)), ("site_id", .string(rack.place.siteID)),
            ("building_id", .text(rack.place.buildingID)), ("floor_id", .text(rack.place.floorID)), ("space_id", .text(rack.place.spaceID)),
            ("space", .text(rack.place.spaceID.flatMap { names[$0] })),
            ("units", .object([("total", .int(u.total)), ("used", .int(u.used)), ("reserved", .int(u.reserved)), ("free", .int(u.free)),
                               ("largest_free_block", .int(u.largestFreeBlock)),
                               ("free_blocks", .array(u.freeBlocks.map { .object([("start", .int($0.start)), ("height", .int($0.height))]) })),
                               ("conflicts", .array(u.conflicts.map { .string($0) })), ("utilisation", .number(rack.utilisation.space))])),
            ("power", .object([("nameplate_w", .double(rack.nameplateW)), ("allocated_w", .double(rack.allocatedW)),
                               ("measured_max_w", .number(rack.measured?.maxW)), ("measured_p95_w", .number(rack.measured?.p95W)),
                               ("load_w", .double(rack.loadW)), ("basis", .string(rack.loadBasis)), ("budget_w", .number(rack.powerBudgetW)),
                               ("utilisation", .number(rack.utilisation.power))])),
            ("feeds", .array(rack.feeds.map { .string($0) })),
            ("redundancy", .object([("mode", .string(rack.redundancy.mode)), ("survives_feed_loss", .bool(rack.redundancy.survivesFeedLoss)),
                                    ("tightest_node", .text(rack.redundancy.tightestNode)),
                                    ("headroom_w", headroom.map { $0.isFinite ? .double($0) : .null } ?? .null)])),
            ("weight", .object([("kg", .double(rack.weightKg)), ("budget_kg", .number(rack.weightBudgetKg)),
                                ("utilisation", .number(rack.utilisation.weight))])),
            ("cooling", .object([("heat_w", .double(rack.heatW)), ("heat_btu_h", .double(rack.heatBTUPerHour)),
                                 ("budget_w", .number(rack.coolingBudgetW)), ("utilisation", .number(rack.utilisation.cooling))])),
            ("flag", .string(rack.flag.rawValue)), ("worst", .text(rack.utilisation.worst?.name)),
        ])
    }

    static func placement(_ p: Placement) -> JSONValue {
        .object([("rack_id", .string(p.rackID)), ("rack", .string(p.rackName)), ("fits", .int(p.fits)), ("assigned", .int(p.assigned)),
                 ("u_position", .integer(p.uPosition)), ("utilisation_after", .double(p.utilisationAfter)),
                 ("reasons", .array(p.reasons.map { .string($0) })), ("binding", .text(p.binding))])
    }

    static func reservation(_ r: RackReservation) -> JSONValue {
        .object([("id", .uuid(r.id)), ("site_id", .uuid(r.siteID)), ("building_id", .uuid(r.buildingID)), ("rack_id", .uuid(r.rackID)),
                 ("u_position", .int(r.uPosition)), ("u_height", .int(r.uHeight)), ("note", .text(r.note)),
                 ("expires_at", .date(r.expiresAt)), ("created_by", .string(r.createdBy)), ("created_at", .date(r.createdAt))])
    }
}
