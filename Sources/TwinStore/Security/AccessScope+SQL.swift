import PostgresNIO
import TwinDomain

extension PostgresQuery.StringInterpolation {
    /// Renders an ``AccessScope`` as a SQL predicate over the given columns,
    /// with the id sets as bind parameters:
    /// `"… WHERE \(scope: scope, siteColumn: "a.site_id", buildingColumn: "a.building_id")"`.
    ///
    /// This is how every scoped read filters inside the database: rows outside
    /// the scope are never returned, so they behave exactly like missing rows.
    /// Column names must be literals from code, never from input.
    public mutating func appendInterpolation(scope: AccessScope, siteColumn: StaticString, buildingColumn: StaticString? = nil) {
        if scope.isGlobal {
            appendInterpolation(unescaped: "TRUE")
            return
        }
        appendInterpolation(unescaped: "(\(siteColumn) = ANY(")
        appendInterpolation(Array(scope.siteIDs))
        appendInterpolation(unescaped: ")")
        if let buildingColumn {
            appendInterpolation(unescaped: " OR \(buildingColumn) = ANY(")
            appendInterpolation(Array(scope.buildingIDs))
            appendInterpolation(unescaped: ")")
        }
        appendInterpolation(unescaped: ")")
    }
}
