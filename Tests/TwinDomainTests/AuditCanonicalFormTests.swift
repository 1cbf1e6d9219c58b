import Foundation
import Testing
import TwinDomain

@Suite("Audit canonical serialization")
struct AuditCanonicalFormTests {
    static let entry = AuditEntry(
        timeMicros: 1_700_000_000_123_456, actorKind: "user", actorID: UUID(uuidString: "00000000-0000-0000-0000-000000000001"),
        actorName: "ana", roles: ["admin"], sourceIP: "127.0.0.1", userAgent: "t", requestID: "r1",
        action: "user.create", objectKind: "user", objectID: "u1", siteID: nil, outcome: .success,
        reason: nil, before: nil, after: #"{"a":1}"#)

    @Test func isStableAndVersioned() {
        let bytes = AuditCanonicalForm.bytes(seq: 7, entry: Self.entry)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("15:atrium-audit-v1;1:7;16:1700000000123456;4:user;36:00000000-0000-0000-0000-000000000001;3:ana;1:1;5:admin;"))
        #expect(AuditCanonicalForm.bytes(seq: 7, entry: Self.entry) == bytes)
    }

    @Test func everyFieldChangesTheBytes() {
        let base = AuditCanonicalForm.bytes(seq: 7, entry: Self.entry)
        var changed = Self.entry
        changed.outcome = .denied
        #expect(AuditCanonicalForm.bytes(seq: 7, entry: changed) != base)
        #expect(AuditCanonicalForm.bytes(seq: 8, entry: Self.entry) != base)
        changed = Self.entry
        changed.roles = ["admin", ""]
        #expect(AuditCanonicalForm.bytes(seq: 7, entry: changed) != base)
    }

    @Test func lengthPrefixesPreventFieldSmuggling() {
        // Moving a separator from one field into the next must not collide.
        var a = Self.entry
        a.objectKind = "user;"
        a.objectID = "u1"
        var b = Self.entry
        b.objectKind = "user"
        b.objectID = ";u1"
        #expect(AuditCanonicalForm.bytes(seq: 1, entry: a) != AuditCanonicalForm.bytes(seq: 1, entry: b))
        var nullReason = Self.entry
        nullReason.reason = nil
        var dashReason = Self.entry
        dashReason.reason = "-"
        #expect(AuditCanonicalForm.bytes(seq: 1, entry: nullReason) != AuditCanonicalForm.bytes(seq: 1, entry: dashReason))
    }

    @Test func rowsWithoutBuildingKeepTheV1BytesAndBuildingRowsAreV2() {
        // The exact v1 bytes of the fixture: rows written before migration 0003 must still hash the same.
        let v1 = String(decoding: AuditCanonicalForm.bytes(seq: 7, entry: Self.entry), as: UTF8.self)
        #expect(v1 == "15:atrium-audit-v1;1:7;16:1700000000123456;4:user;36:00000000-0000-0000-0000-000000000001;3:ana;"
            + "1:1;5:admin;9:127.0.0.1;1:t;2:r1;11:user.create;4:user;2:u1;-;7:success;-;-;7:{\"a\":1};")
        var inBuilding = Self.entry
        inBuilding.siteID = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")
        inBuilding.buildingID = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")
        let v2 = String(decoding: AuditCanonicalForm.bytes(seq: 7, entry: inBuilding), as: UTF8.self)
        #expect(v2.hasPrefix("15:atrium-audit-v2;"))
        #expect(v2.contains("36:00000000-0000-0000-0000-00000000000a;36:00000000-0000-0000-0000-00000000000b;7:success;"))
        // Clearing the building (a tamper) changes the bytes, whatever else stays.
        var cleared = inBuilding
        cleared.buildingID = nil
        #expect(AuditCanonicalForm.bytes(seq: 7, entry: cleared) != AuditCanonicalForm.bytes(seq: 7, entry: inBuilding))
        var moved = inBuilding
        moved.buildingID = UUID(uuidString: "00000000-0000-0000-0000-00000000000c")
        #expect(AuditCanonicalForm.bytes(seq: 7, entry: moved) != AuditCanonicalForm.bytes(seq: 7, entry: inBuilding))
    }

    @Test func canonicalJSONSortsKeysAndEscapes() {
        let value: CanonicalJSON = ["b": 1, "a": ["x": "q\"\n\u{01}", "n": nil, "t": true], "c": [1, "2"]]
        #expect(value.text == #"{"a":{"n":null,"t":true,"x":"q\"\n\u0001"},"b":1,"c":[1,"2"]}"#)
    }
}
