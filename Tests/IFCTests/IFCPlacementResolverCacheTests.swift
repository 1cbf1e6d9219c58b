import Foundation
import IFC
import STEP
import Testing

/// A resolver that does not keep the placements it is asked for (the importer's setting, so memory
/// stays bounded by the shared site/storey levels) answers exactly as the caching one.
@Suite struct IFCPlacementResolverCacheTests {
    static let placements: [STEPInstanceID] = [34, 32, 31, 30, 34, 32].map { STEPInstanceID($0) }

    @Test func notCachingQueriedPlacementsGivesTheSameMatrices() throws {
        let m = try IFCModelTests.model("IFC4", IFCModelTests.building)
        var caching = IFCPlacementResolver(model: m)
        var lean = IFCPlacementResolver(model: m, cachesQueriedPlacement: false)
        for p in Self.placements {
            guard case .success(let a) = caching.world(p), case .success(let b) = lean.world(p) else {
                Issue.record("placement \(p) did not resolve")
                return
            }
            for r in 0..<4 {
                for c in 0..<4 { #expect(a[r, c] == b[r, c]) }
            }
        }
        // The wall's placement: storey at z = 3000 mm rotated 90°, local (1000, 0, 0) lands at (0, 1000, 3000).
        guard case .success(let wall) = lean.world(STEPInstanceID(34)) else {
            Issue.record("wall placement did not resolve")
            return
        }
        #expect(abs(wall[0, 3]) < 1e-9 && abs(wall[1, 3] - 1000) < 1e-9 && abs(wall[2, 3] - 3000) < 1e-9)
    }

    @Test func cyclesAreStillReportedOnceWithoutCaching() throws {
        let m = try IFCModelTests.model("IFC4", """
        #1=IFCLOCALPLACEMENT(#2,#10);
        #2=IFCLOCALPLACEMENT(#1,#10);
        #10=IFCAXIS2PLACEMENT3D(#11,$,$);
        #11=IFCCARTESIANPOINT((0.,0.,0.));
        """)
        var lean = IFCPlacementResolver(model: m, cachesQueriedPlacement: false)
        for _ in 0..<3 {
            guard case .failure(.cycle) = lean.world(STEPInstanceID(1)) else {
                Issue.record("cycle not detected")
                return
            }
        }
        #expect(lean.diagnostics.count == 1)
    }
}
