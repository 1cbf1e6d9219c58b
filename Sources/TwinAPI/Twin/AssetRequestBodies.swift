import Foundation
import Hummingbird
import NIOCore
import TwinDomain
import TwinServices

/// JSON bodies of asset writes, in the same snake_case shape the API returns.
enum AssetRequestBodies {
    static let limit = 256 * 1024

    struct PointBody: Decodable { var x: Double; var y: Double; var z: Double
        var value: Point3D { Point3D(x: x, y: y, z: z) }
    }
    struct BoxBody: Decodable { var min: PointBody; var max: PointBody
        var value: Box3D { Box3D(min: min.value, max: max.value) }
    }
    struct RackBody: Decodable {
        var u_height: Int
        var power_budget_w: Double?
        var weight_budget_kg: Double?
        var cooling_budget_w: Double?
        var value: RackCapacity {
            RackCapacity(uHeight: u_height, powerBudgetW: power_budget_w, weightBudgetKg: weight_budget_kg, coolingBudgetW: cooling_budget_w)
        }
    }
    struct MountingBody: Decodable { var u_position: Int; var u_height: Int
        var value: RackMounting { RackMounting(uPosition: u_position, uHeight: u_height) }
    }

    struct Create: Decodable {
        var site_id: UUID?
        var building_id: UUID?
        var floor_id: UUID?
        var space_id: UUID?
        var type_id: UUID?
        var parent_id: UUID?
        var kind: AssetKind
        var name: String
        var tag: String?
        var serial_number: String?
        var description: String?
        var position: PointBody?
        var box: BoxBody?
        var rack: RackBody?
        var mounting: MountingBody?
        var power_draw_w: Double?
        var weight_kg: Double?
        var rated_capacity_w: Double?
        var installed_on: String?
        var warranty_ends_on: String?
        var properties: [String: DocumentValue]?

        func value() throws -> NewAsset {
            NewAsset(siteID: site_id, buildingID: building_id, floorID: floor_id, spaceID: space_id, typeID: type_id,
                     parentID: parent_id, kind: kind, name: name, tag: tag, serialNumber: serial_number,
                     description: description, position: position?.value, box: box?.value, rack: rack?.value,
                     mounting: mounting?.value, powerDrawW: power_draw_w, weightKg: weight_kg,
                     ratedCapacityW: rated_capacity_w, installedOn: try date(installed_on, "installed_on"),
                     warrantyEndsOn: try date(warranty_ends_on, "warranty_ends_on"), properties: properties ?? [:])
        }
    }

    /// Merge-patch body: a member absent keeps the value, `null` clears it.
    struct Patch: Decodable {
        var patch = AssetPatch()

        enum Key: String, CodingKey, CaseIterable {
            case kind, name, tag, serial_number, description, floor_id, space_id, type_id, parent_id, position, box, rack,
                 mounting, power_draw_w, weight_kg, rated_capacity_w, installed_on, warranty_ends_on, properties
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = all.allKeys.first(where: { Key(rawValue: $0.stringValue) == nil }) {
                throw APIError(ProblemDetails(status: .unprocessableContent, detail: "\(unknown.stringValue.prefix(64)) cannot be changed.",
                                              errors: [.init(field: String(unknown.stringValue.prefix(64)), message: "not patchable")]))
            }
            let c = try decoder.container(keyedBy: Key.self)
            func field<T: Decodable>(_ key: Key, _ type: T.Type) throws -> T?? {
                guard c.contains(key) else { return nil }
                if try c.decodeNil(forKey: key) { return .some(nil) }
                return .some(try c.decode(T.self, forKey: key))
            }
            if let kind = try field(.kind, AssetKind.self) { patch.kind = kind }
            if let name = try field(.name, String.self) { patch.name = name }
            patch.tag = try field(.tag, String.self)
            patch.serialNumber = try field(.serial_number, String.self)
            patch.description = try field(.description, String.self)
            patch.floorID = try field(.floor_id, UUID.self)
            patch.spaceID = try field(.space_id, UUID.self)
            patch.typeID = try field(.type_id, UUID.self)
            patch.parentID = try field(.parent_id, UUID.self)
            patch.position = try field(.position, PointBody.self).map { $0?.value }
            patch.box = try field(.box, BoxBody.self).map { $0?.value }
            patch.rack = try field(.rack, RackBody.self).map { $0?.value }
            patch.mounting = try field(.mounting, MountingBody.self).map { $0?.value }
            patch.powerDrawW = try field(.power_draw_w, Double.self)
            patch.weightKg = try field(.weight_kg, Double.self)
            patch.ratedCapacityW = try field(.rated_capacity_w, Double.self)
            patch.installedOn = try field(.installed_on, String.self).map { try $0.map { try date($0, "installed_on")! } }
            patch.warrantyEndsOn = try field(.warranty_ends_on, String.self).map { try $0.map { try date($0, "warranty_ends_on")! } }
            if let properties = try field(.properties, [String: DocumentValue].self) { patch.properties = properties ?? [:] }
            if c.contains(.kind), patch.kind == nil { throw invalid("kind", "cannot be null") }
            if c.contains(.name), patch.name == nil { throw invalid("name", "cannot be null") }
        }
    }

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(ProblemDetails(status: .unprocessableContent, detail: "\(field): \(message)",
                                errors: [.init(field: field, message: message)]))
    }

    static func date(_ text: String?, _ field: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = TwinTimestamp.parse(text) else { throw invalid(field, "must be an RFC 3339 date-time or YYYY-MM-DD") }
        return date
    }

    /// Decodes a bounded JSON body; a decoding failure names the member it stopped at.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
        let data = Data(buffer.readableBytesView)
        if let problem = JSONTextCheck.problem(in: data) { throw problem }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as APIError {
            throw error
        } catch let error as DecodingError {
            let (path, message): ([any CodingKey], String) = switch error {
            case .keyNotFound(let key, let context): (context.codingPath + [key], "is required")
            case .typeMismatch(_, let context): (context.codingPath, "has the wrong type")
            case .valueNotFound(_, let context): (context.codingPath, "cannot be null")
            case .dataCorrupted(let context): (context.codingPath, context.codingPath.isEmpty ? "the body is not JSON" : "has an invalid value")
            @unknown default: ([], "is not valid")
            }
            let field = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw invalid(field.isEmpty ? "body" : field, message)
        } catch {
            throw invalid("body", "is not the expected JSON")
        }
    }
}
