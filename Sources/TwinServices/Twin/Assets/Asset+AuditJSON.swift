import Foundation
import TwinDomain

extension Asset {
    /// The asset as the audit row's before/after snapshot. Canonical JSON has no floats, so
    /// measurements are written as their shortest round-trip decimal text.
    var auditJSON: CanonicalJSON {
        func uuid(_ value: UUID?) -> CanonicalJSON { value.map { .string($0.uuidString.lowercased()) } ?? .null }
        func text(_ value: String?) -> CanonicalJSON { value.map { .string($0) } ?? .null }
        func number(_ value: Double?) -> CanonicalJSON { value.map { .string(String($0)) } ?? .null }
        func date(_ value: Date?) -> CanonicalJSON { value.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null }
        func point(_ p: Point3D?) -> CanonicalJSON {
            guard let p else { return .null }
            return .array([.string(String(p.x)), .string(String(p.y)), .string(String(p.z))])
        }
        func document(_ value: DocumentValue) -> CanonicalJSON {
            switch value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d): return .string(String(d))
            case .string(let s): return .string(s)
            case .array(let items): return .array(items.map(document))
            case .object(let members): return .object(members.mapValues(document))
            }
        }
        var members: [String: CanonicalJSON] = [
            "id": uuid(id), "site_id": uuid(siteID), "building_id": uuid(buildingID), "floor_id": uuid(floorID),
            "space_id": uuid(spaceID), "type_id": uuid(typeID), "parent_id": uuid(parentID), "kind": .string(kind.rawValue),
            "name": .string(name), "tag": text(tag), "serial_number": text(serialNumber), "description": text(description),
            "position": point(position), "power_draw_w": number(powerDrawW), "weight_kg": number(weightKg),
            "rated_capacity_w": number(ratedCapacityW), "installed_on": date(installedOn),
            "warranty_ends_on": date(warrantyEndsOn), "model_id": uuid(modelID), "revision": .int(Int64(revision)),
            "properties": .object(properties.mapValues(document)),
        ]
        members["box"] = box.map { .object(["min": point($0.min), "max": point($0.max)]) } ?? .null
        members["rack"] = rack.map {
            .object(["u_height": .int(Int64($0.uHeight)), "power_budget_w": number($0.powerBudgetW),
                     "weight_budget_kg": number($0.weightBudgetKg), "cooling_budget_w": number($0.coolingBudgetW)])
        } ?? .null
        members["mounting"] = mounting.map {
            .object(["u_position": .int(Int64($0.uPosition)), "u_height": .int(Int64($0.uHeight))])
        } ?? .null
        return .object(members)
    }
}
