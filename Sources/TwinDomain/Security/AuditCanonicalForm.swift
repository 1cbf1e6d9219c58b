/// The byte serialization of an audit row that its chain hash covers.
///
/// Length-prefixed fields in a fixed order: unambiguous without escaping
/// (no field can smuggle a separator), independent of JSON key order, and
/// versioned so the format can evolve without silently breaking old chains.
///
/// Two versions coexist in one chain, chosen from the row itself:
/// - `atrium-audit-v1`: rows without a building (every row written before
///   migration 0003, and site-level or global rows after it) — byte for byte the
///   original form, so old chains still verify;
/// - `atrium-audit-v2`: rows with a building; the building id follows the site.
///
/// - `atrium-audit-v3`: rows with a caller-sent request id (migration 0009); the building
///   field is always present (`-;` when none) and the client request id follows the request id.
///
/// Tampering with the building column therefore always breaks the hash: clearing
/// it turns a v2 row into a v1 row (different version string, one field fewer),
/// setting it on a v1 row does the reverse; the same holds for the client request id and v3.
public enum AuditCanonicalForm {
    public static let version = "atrium-audit-v1"
    public static let buildingVersion = "atrium-audit-v2"
    public static let clientRequestVersion = "atrium-audit-v3"

    public static func bytes(seq: Int64, entry: AuditEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        func field(_ value: String?) {
            guard let value else {
                out.append(contentsOf: Array("-;".utf8))
                return
            }
            let bytes = Array(value.utf8)
            out.append(contentsOf: Array(String(bytes.count).utf8))
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: ";"))
        }
        let v3 = entry.clientRequestID != nil
        field(v3 ? clientRequestVersion : entry.buildingID == nil ? version : buildingVersion)
        field(String(seq))
        field(String(entry.timeMicros))
        field(entry.actorKind)
        field(entry.actorID?.uuidString.lowercased())
        field(entry.actorName)
        field(String(entry.roles.count))
        for role in entry.roles { field(role) }
        field(entry.sourceIP)
        field(entry.userAgent)
        field(entry.requestID)
        if v3 { field(entry.clientRequestID) }
        field(entry.action)
        field(entry.objectKind)
        field(entry.objectID)
        field(entry.siteID?.uuidString.lowercased())
        if v3 || entry.buildingID != nil { field(entry.buildingID?.uuidString.lowercased()) }
        field(entry.outcome.rawValue)
        field(entry.reason)
        field(entry.before)
        field(entry.after)
        return out
    }
}
