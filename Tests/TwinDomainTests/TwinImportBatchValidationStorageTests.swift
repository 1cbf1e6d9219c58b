import Foundation
import Testing
import TwinDomain

/// A batch the rules leave alone keeps sharing its asset storage with the caller's copy: an import
/// holds its batch while the store holds the validated one, and a copy of 85,000 drafts is ~65 MB.
@Suite struct TwinImportBatchValidationStorageTests {
    static func base(_ assets: [AssetDraft]) -> UnsafeRawPointer? {
        assets.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func aConsistentBatchSharesItsAssets() {
        let b = TwinImportBatchValidationTests.batch()
        let v = b.validated()
        #expect(v == b)
        #expect(Self.base(v.assets) == Self.base(b.assets))
    }

    @Test func repairsStillCopyAndApply() {
        var b = TwinImportBatchValidationTests.batch()
        b.assets[3].powerDrawW = .nan
        b.assets[0].rack?.powerBudgetW = .infinity
        let v = b.validated()
        #expect(v.assets[3].powerDrawW == nil)
        #expect(v.assets[0].rack?.powerBudgetW == nil)
        #expect(v.assets[0].rack?.uHeight == 42)
        #expect(b.assets[3].powerDrawW?.isNaN == true)
        #expect(Self.base(v.assets) != Self.base(b.assets))
    }
}
