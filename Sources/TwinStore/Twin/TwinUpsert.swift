import Foundation
import PostgresNIO
import TwinDomain

/// Builds one set-based write: each input column is bound once as an array and the rows come
/// from `unnest(…)`, so thousands of rows cost one round trip instead of one each.
///
/// Table and column names are literals from this module, never input; every value is a bind.
/// As an upsert it only touches rows whose values differ (or that were retired), which is what
/// makes `revision` move exactly when something changed.
struct TwinUpsert {
    let table: String
    private(set) var inputs: [(name: String, type: String)] = []
    private(set) var targets: [(column: String, expression: String)] = []
    private var binds = PostgresBindings()

    init(table: String) {
        self.table = table
    }

    mutating func input<T: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ name: String, _ type: String, _ values: [T]) {
        binds.append(values, context: .default)
        inputs.append((name, type))
    }

    mutating func input<T: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ name: String, _ type: String, nullable values: [T?]) {
        binds.append(PostgresNullableArray(values), context: .default)
        inputs.append((name, type))
    }

    /// A stored column, from the input of the same name unless an expression over `r.` inputs is given.
    mutating func column(_ column: String, _ expression: String? = nil) {
        targets.append((column, expression ?? "r.\(column)"))
    }

    mutating func column(_ column: String, input type: String, _ values: [some PostgresArrayEncodable & PostgresNonThrowingEncodable]) {
        input(column, type, values)
        self.column(column)
    }

    mutating func column<T: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ column: String, input type: String, nullable values: [T?]) {
        input(column, type, nullable: values)
        self.column(column)
    }

    mutating func source(keys: [String?], sources: [SourceReference]) {
        column("match_key", input: "text", nullable: keys)
        column("source_global_id", input: "text", nullable: sources.map(\.ifcGlobalID))
        column("source_cobie_name", input: "text", nullable: sources.map(\.cobieName))
        column("source_type", input: "text", nullable: sources.map(\.sourceType))
    }

    mutating func box(_ boxes: [Box3D?]) {
        let finite = boxes.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        input("bx0", "float8", nullable: finite.map { $0?.min.x })
        input("by0", "float8", nullable: finite.map { $0?.min.y })
        input("bz0", "float8", nullable: finite.map { $0?.min.z })
        input("bx1", "float8", nullable: finite.map { $0?.max.x })
        input("by1", "float8", nullable: finite.map { $0?.max.y })
        input("bz1", "float8", nullable: finite.map { $0?.max.z })
        column("box", """
            CASE WHEN r.bx0 IS NULL THEN NULL ELSE ST_SetSRID(ST_3DMakeBox(ST_MakePoint(r.bx0, r.by0, r.bz0),
                ST_MakePoint(r.bx1, r.by1, r.bz1))::geometry, 0) END
            """)
    }

    mutating func position(_ points: [Point3D?]) {
        let finite = points.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        input("px", "float8", nullable: finite.map { $0?.x })
        input("py", "float8", nullable: finite.map { $0?.y })
        input("pz", "float8", nullable: finite.map { $0?.z })
        column("position", "CASE WHEN r.px IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.px, r.py, r.pz), 0) END")
    }

    mutating func footprint(_ footprints: [Footprint?]) {
        input("footprint_wkt", "text", nullable: footprints.map(TwinGeometryText.wkt))
        column("footprint", "ST_GeomFromText(r.footprint_wkt, 0)")
    }

    mutating func properties(_ values: [[String: DocumentValue]]) {
        input("properties_json", "text", values.map(TwinJSON.text))
        column("properties", "r.properties_json::jsonb")
    }

    private var selectFromUnnest: String {
        let arrays = inputs.indices.map { "$\($0 + 1)::\(inputs[$0].type)[]" }.joined(separator: ", ")
        let names = inputs.map(\.name).joined(separator: ", ")
        let expressions = targets.map(\.expression).joined(separator: ",\n    ")
        return "SELECT \(expressions)\nFROM unnest(\(arrays)) AS r(\(names))"
    }

    /// Plain insert: a duplicate id or broken rule fails the statement.
    func insert() -> PostgresQuery {
        let columns = targets.map(\.column).joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columns))\n\(selectFromUnnest)\nRETURNING id, true AS inserted",
                             binds: binds)
    }

    /// Insert or update by id; unchanged live rows are left alone (not returned).
    func upsert() -> PostgresQuery {
        let columns = targets.map(\.column)
        let compared = columns.filter { $0 != "id" }
        let sets = compared.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        let old = compared.map { "t.\($0)" }.joined(separator: ", ")
        let new = compared.map { "EXCLUDED.\($0)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO \(table) AS t (\(columns.joined(separator: ", ")))
            \(selectFromUnnest)
            ON CONFLICT (id) DO UPDATE SET \(sets), retired_in_version = NULL, revision = t.revision + 1, updated_at = now()
            WHERE (\(old)) IS DISTINCT FROM (\(new)) OR t.retired_in_version IS NOT NULL
            RETURNING t.id, (t.xmax = 0) AS inserted
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// Optimistic update of existing rows whose revision is still the expected one.
    func update(expectedRevisions: [Int]) -> PostgresQuery {
        var binds = self.binds
        binds.append(expectedRevisions, context: .default)
        let revisionParameter = "$\(inputs.count + 1)::int8[]"
        let arrays = inputs.indices.map { "$\($0 + 1)::\(inputs[$0].type)[]" }.joined(separator: ", ")
        let names = inputs.map(\.name).joined(separator: ", ")
        let compared = targets.filter { $0.column != "id" }
        let sets = compared.map { "\($0.column) = \($0.expression)" }.joined(separator: ",\n    ")
        let sql = """
            UPDATE \(table) AS t SET \(sets), revision = t.revision + 1, updated_at = now()
            FROM (SELECT * FROM unnest(\(arrays)) AS u(\(names))) AS r,
                 (SELECT * FROM unnest($1::uuid[], \(revisionParameter)) AS e(id, revision)) AS e
            WHERE t.id = r.id AND e.id = r.id AND t.revision = e.revision
            RETURNING t.id
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
