import Foundation
import PostgresNIO
import TwinDomain

/// Select lists and row decoders shared by the store's reads and the transaction's writes.
///
/// Column lists are literals from code (never input); geometry leaves PostGIS as plain numbers
/// (box corners, point coordinates) or WKT for footprints, so no WKB parsing is needed here.
enum TwinRows {
    // MARK: Column fragments

    /// Both columns or neither (a CHECK constraint keeps them whole).
    static func creator(kind: String?, id: UUID?) -> PrincipalReference? {
        guard let kind, let id else { return nil }
        return PrincipalReference(kind: kind, id: id)
    }

    static func source(_ t: String) -> String {
        "\(t).source_global_id, \(t).source_cobie_name, \(t).source_type"
    }

    static func box(_ t: String) -> String {
        """
        ST_XMin(\(t).box::box3d) AS box_x0, ST_YMin(\(t).box::box3d) AS box_y0, ST_ZMin(\(t).box::box3d) AS box_z0,
        ST_XMax(\(t).box::box3d) AS box_x1, ST_YMax(\(t).box::box3d) AS box_y1, ST_ZMax(\(t).box::box3d) AS box_z1
        """
    }

    static func lifecycle(_ t: String) -> String {
        "\(t).retired_in_version, \(t).revision, \(t).created_at, \(t).updated_at"
    }

    static let site = """
        s.id, s.name, s.description, ST_Y(s.location::geometry) AS lat, ST_X(s.location::geometry) AS lon,
        ST_Z(s.location::geometry) AS elev, s.location_has_elevation, \(source("s")), s.revision, s.created_at, s.updated_at
        """

    static let building = """
        b.id, b.site_id, b.model_id, b.name, b.description, b.elevation, \(box("b")), \(source("b")), \(lifecycle("b"))
        """

    static let floor = """
        f.id, f.site_id, f.building_id, f.name, f.description, f.elevation, f.height, ST_AsText(f.footprint) AS footprint,
        \(box("f")), \(source("f")), \(lifecycle("f"))
        """

    static let space = """
        sp.id, sp.site_id, sp.building_id, sp.floor_id, sp.name, sp.long_name, sp.description, sp.area, sp.height,
        ST_AsText(sp.footprint) AS footprint, \(box("sp")), sp.properties::text AS properties,
        ARRAY(SELECT zs.zone_id FROM zone_spaces zs WHERE zs.space_id = sp.id ORDER BY zs.zone_id) AS member_ids,
        \(source("sp")), \(lifecycle("sp"))
        """

    static let zone = """
        z.id, z.site_id, z.building_id, z.name, z.category, z.description,
        ARRAY(SELECT zs.space_id FROM zone_spaces zs WHERE zs.zone_id = z.id ORDER BY zs.space_id) AS member_ids,
        \(source("z")), \(lifecycle("z"))
        """

    static let system = """
        sy.id, sy.site_id, sy.building_id, sy.name, sy.category, sy.description,
        ARRAY(SELECT sa.asset_id FROM system_assets sa WHERE sa.system_id = sy.id ORDER BY sa.asset_id) AS member_ids,
        \(source("sy")), \(lifecycle("sy"))
        """

    static let assetType = """
        ty.id, ty.site_id, ty.name, ty.kind, ty.manufacturer, ty.model_number, ty.category, ty.description,
        ty.warranty_months, ty.properties::text AS properties, \(source("ty")), \(lifecycle("ty"))
        """

    static let asset = """
        a.id, a.site_id, a.building_id, a.floor_id, a.space_id, a.type_id, a.parent_id, a.kind, a.name, a.tag,
        a.serial_number, a.description, ST_X(a.position) AS pos_x, ST_Y(a.position) AS pos_y, ST_Z(a.position) AS pos_z,
        \(box("a")), a.rack_u_height, a.power_budget_w, a.weight_budget_kg, a.cooling_budget_w, a.u_position, a.u_height,
        a.power_draw_w, a.weight_kg, a.rated_capacity_w, a.installed_on, a.warranty_ends_on,
        ARRAY(SELECT sa.system_id FROM system_assets sa WHERE sa.asset_id = a.id ORDER BY sa.system_id) AS member_ids,
        a.properties::text AS properties, a.model_id, \(source("a")), \(lifecycle("a"))
        """

    static let model = "m.id, m.site_id, m.name, m.format, m.project_key, m.active_version, m.created_at, m.updated_at"

    static let version = """
        v.model_id, v.site_id, v.number, v.job_id, v.source_file_name, v.source_sha256, v.source_size, v.schema,
        v.original_file_id, v.counts::text AS counts, v.diff_summary::text AS diff_summary, v.imported_by, v.imported_at
        """

    static let job = """
        j.id, j.status, j.phase, j.percent, j.file_name, j.format, j.size_bytes, j.site_id, j.model_id, j.version_number,
        j.messages::text AS messages, j.warning_count, j.error_code, j.created_by, j.created_by_kind, j.created_by_id,
        j.created_at, j.updated_at, j.finished_at
        """

    // MARK: Decoding

    static func decodeSource(_ r: PostgresRandomAccessRow) throws -> SourceReference {
        SourceReference(ifcGlobalID: try r["source_global_id"].decode(String?.self),
                        cobieName: try r["source_cobie_name"].decode(String?.self),
                        sourceType: try r["source_type"].decode(String?.self))
    }

    static func decodeBox(_ r: PostgresRandomAccessRow) throws -> Box3D? {
        guard let x0 = try r["box_x0"].decode(Double?.self), let y0 = try r["box_y0"].decode(Double?.self),
              let x1 = try r["box_x1"].decode(Double?.self), let y1 = try r["box_y1"].decode(Double?.self)
        else { return nil }
        let z0 = try r["box_z0"].decode(Double?.self) ?? 0, z1 = try r["box_z1"].decode(Double?.self) ?? 0
        return Box3D(min: Point3D(x: x0, y: y0, z: z0), max: Point3D(x: x1, y: y1, z: z1))
    }

    static func decodeProperties(_ r: PostgresRandomAccessRow) throws -> [String: DocumentValue] {
        guard let text = try r["properties"].decode(String?.self) else { return [:] }
        if let properties = TwinJSON.parseObject(text) { return properties }
        return (try? JSONDecoder().decode([String: DocumentValue].self, from: Data(text.utf8))) ?? [:]
    }

    static func decodeIntMap(_ r: PostgresRandomAccessRow, _ column: String) throws -> [String: Int] {
        guard let text = try r[column].decode(String?.self) else { return [:] }
        return (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
    }

    static func site(_ row: PostgresRow) throws -> Site {
        let r = row.makeRandomAccess()
        var location: GeoLocation?
        if let lat = try r["lat"].decode(Double?.self), let lon = try r["lon"].decode(Double?.self) {
            let hasElevation = try r["location_has_elevation"].decode(Bool.self)
            location = GeoLocation(latitude: lat, longitude: lon,
                                   elevation: hasElevation ? try r["elev"].decode(Double?.self) : nil)
        }
        return Site(id: try r["id"].decode(UUID.self), name: try r["name"].decode(String.self),
                    description: try r["description"].decode(String?.self), location: location,
                    source: try decodeSource(r), revision: try r["revision"].decode(Int.self),
                    createdAt: try r["created_at"].decode(Date.self), updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func building(_ row: PostgresRow) throws -> Building {
        let r = row.makeRandomAccess()
        return Building(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                        modelID: try r["model_id"].decode(UUID?.self), name: try r["name"].decode(String.self),
                        description: try r["description"].decode(String?.self),
                        elevation: try r["elevation"].decode(Double?.self), box: try decodeBox(r),
                        source: try decodeSource(r), retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                        revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                        updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func floor(_ row: PostgresRow) throws -> Floor {
        let r = row.makeRandomAccess()
        return Floor(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                     buildingID: try r["building_id"].decode(UUID.self), name: try r["name"].decode(String.self),
                     description: try r["description"].decode(String?.self),
                     elevation: try r["elevation"].decode(Double?.self), height: try r["height"].decode(Double?.self),
                     footprint: TwinGeometryText.footprint(try r["footprint"].decode(String?.self)),
                     box: try decodeBox(r), source: try decodeSource(r),
                     retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                     revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                     updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func space(_ row: PostgresRow) throws -> Space {
        let r = row.makeRandomAccess()
        return Space(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                     buildingID: try r["building_id"].decode(UUID.self), floorID: try r["floor_id"].decode(UUID.self),
                     name: try r["name"].decode(String.self), longName: try r["long_name"].decode(String?.self),
                     description: try r["description"].decode(String?.self), area: try r["area"].decode(Double?.self),
                     height: try r["height"].decode(Double?.self),
                     footprint: TwinGeometryText.footprint(try r["footprint"].decode(String?.self)),
                     box: try decodeBox(r), zoneIDs: try r["member_ids"].decode([UUID].self),
                     properties: try decodeProperties(r), source: try decodeSource(r),
                     retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                     revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                     updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func zone(_ row: PostgresRow) throws -> Zone {
        let r = row.makeRandomAccess()
        return Zone(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                    buildingID: try r["building_id"].decode(UUID.self), name: try r["name"].decode(String.self),
                    category: try r["category"].decode(String?.self), description: try r["description"].decode(String?.self),
                    spaceIDs: try r["member_ids"].decode([UUID].self), source: try decodeSource(r),
                    retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                    revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                    updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func system(_ row: PostgresRow) throws -> BuildingSystem {
        let r = row.makeRandomAccess()
        return BuildingSystem(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                              buildingID: try r["building_id"].decode(UUID?.self), name: try r["name"].decode(String.self),
                              category: try r["category"].decode(String?.self),
                              description: try r["description"].decode(String?.self),
                              assetIDs: try r["member_ids"].decode([UUID].self), source: try decodeSource(r),
                              retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                              revision: try r["revision"].decode(Int.self),
                              createdAt: try r["created_at"].decode(Date.self),
                              updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func assetType(_ row: PostgresRow) throws -> AssetType {
        let r = row.makeRandomAccess()
        return AssetType(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                         name: try r["name"].decode(String.self),
                         kind: try r["kind"].decode(String?.self).flatMap(AssetKind.init(rawValue:)),
                         manufacturer: try r["manufacturer"].decode(String?.self),
                         modelNumber: try r["model_number"].decode(String?.self),
                         category: try r["category"].decode(String?.self),
                         description: try r["description"].decode(String?.self),
                         warrantyMonths: try r["warranty_months"].decode(Int?.self),
                         properties: try decodeProperties(r), source: try decodeSource(r),
                         retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                         revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                         updatedAt: try r["updated_at"].decode(Date.self))
    }

    /// A rack's capacity from `rack_u_height`, `power_budget_w`, `weight_budget_kg`, `cooling_budget_w`.
    static func rackCapacity(_ r: PostgresRandomAccessRow) throws -> RackCapacity? {
        guard let units = try r["rack_u_height"].decode(Int?.self) else { return nil }
        return RackCapacity(uHeight: units, powerBudgetW: try r["power_budget_w"].decode(Double?.self),
                            weightBudgetKg: try r["weight_budget_kg"].decode(Double?.self),
                            coolingBudgetW: try r["cooling_budget_w"].decode(Double?.self))
    }

    /// A device's place in its rack from `u_position`, `u_height`.
    static func rackMounting(_ r: PostgresRandomAccessRow) throws -> RackMounting? {
        guard let position = try r["u_position"].decode(Int?.self), let height = try r["u_height"].decode(Int?.self) else { return nil }
        return RackMounting(uPosition: position, uHeight: height)
    }

    static func asset(_ row: PostgresRow) throws -> Asset {
        let r = row.makeRandomAccess()
        var position: Point3D?
        if let x = try r["pos_x"].decode(Double?.self), let y = try r["pos_y"].decode(Double?.self) {
            position = Point3D(x: x, y: y, z: try r["pos_z"].decode(Double?.self) ?? 0)
        }
        let rack = try rackCapacity(r), mounting = try rackMounting(r)
        let kindText = try r["kind"].decode(String.self)
        return Asset(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                     buildingID: try r["building_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
                     spaceID: try r["space_id"].decode(UUID?.self), typeID: try r["type_id"].decode(UUID?.self),
                     parentID: try r["parent_id"].decode(UUID?.self), kind: AssetKind(rawValue: kindText) ?? .equipment,
                     name: try r["name"].decode(String.self), tag: try r["tag"].decode(String?.self),
                     serialNumber: try r["serial_number"].decode(String?.self),
                     description: try r["description"].decode(String?.self), position: position, box: try decodeBox(r),
                     rack: rack, mounting: mounting, powerDrawW: try r["power_draw_w"].decode(Double?.self),
                     weightKg: try r["weight_kg"].decode(Double?.self),
                     ratedCapacityW: try r["rated_capacity_w"].decode(Double?.self),
                     installedOn: try r["installed_on"].decode(Date?.self),
                     warrantyEndsOn: try r["warranty_ends_on"].decode(Date?.self),
                     systemIDs: try r["member_ids"].decode([UUID].self), properties: try decodeProperties(r),
                     source: try decodeSource(r), modelID: try r["model_id"].decode(UUID?.self),
                     retiredInVersion: try r["retired_in_version"].decode(Int?.self),
                     revision: try r["revision"].decode(Int.self), createdAt: try r["created_at"].decode(Date.self),
                     updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func model(_ row: PostgresRow) throws -> TwinModel {
        let r = row.makeRandomAccess()
        return TwinModel(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                         name: try r["name"].decode(String.self),
                         format: ImportFormat(rawValue: try r["format"].decode(String.self)) ?? .ifcSTEP,
                         projectKey: try r["project_key"].decode(String.self),
                         activeVersion: try r["active_version"].decode(Int?.self),
                         createdAt: try r["created_at"].decode(Date.self), updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func version(_ row: PostgresRow) throws -> ModelVersion {
        let r = row.makeRandomAccess()
        return ModelVersion(modelID: try r["model_id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                            number: try r["number"].decode(Int.self), jobID: try r["job_id"].decode(UUID?.self),
                            sourceFileName: try r["source_file_name"].decode(String.self),
                            sourceSHA256: try r["source_sha256"].decode(String.self),
                            sourceSize: try r["source_size"].decode(Int64.self), schema: try r["schema"].decode(String.self),
                            originalFileID: try r["original_file_id"].decode(String?.self),
                            counts: try decodeIntMap(r, "counts"), diffSummary: try decodeIntMap(r, "diff_summary"),
                            importedBy: try r["imported_by"].decode(String?.self),
                            importedAt: try r["imported_at"].decode(Date.self))
    }

    static func job(_ row: PostgresRow) throws -> ImportJob {
        let r = row.makeRandomAccess()
        let messagesText = try r["messages"].decode(String?.self) ?? "[]"
        let messages = (try? JSONDecoder().decode([ImportMessage].self, from: Data(messagesText.utf8))) ?? []
        return ImportJob(id: try r["id"].decode(UUID.self),
                         status: ImportJobStatus(rawValue: try r["status"].decode(String.self)) ?? .failed,
                         phase: ImportPhase(rawValue: try r["phase"].decode(String.self)) ?? .received,
                         percent: try r["percent"].decode(Int.self), fileName: try r["file_name"].decode(String.self),
                         format: try r["format"].decode(String?.self).flatMap(ImportFormat.init(rawValue:)),
                         sizeBytes: try r["size_bytes"].decode(Int64.self), siteID: try r["site_id"].decode(UUID?.self),
                         modelID: try r["model_id"].decode(UUID?.self),
                         versionNumber: try r["version_number"].decode(Int?.self), messages: messages,
                         warningCount: try r["warning_count"].decode(Int.self),
                         errorCode: try r["error_code"].decode(String?.self),
                         createdBy: try r["created_by"].decode(String?.self),
                         creator: try Self.creator(kind: r["created_by_kind"].decode(String?.self), id: r["created_by_id"].decode(UUID?.self)),
                         createdAt: try r["created_at"].decode(Date.self), updatedAt: try r["updated_at"].decode(Date.self),
                         finishedAt: try r["finished_at"].decode(Date?.self))
    }

    // MARK: Encoding

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Escapes `%`, `_` and `\` so user text is matched literally by ILIKE.
    static func likePattern(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    static func collect<T>(_ rows: PostgresRowSequence, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        var items: [T] = []
        for try await row in rows { items.append(try decode(row)) }
        return items
    }
}
