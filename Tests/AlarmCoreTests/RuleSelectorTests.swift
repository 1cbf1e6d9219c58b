import Foundation
import Testing
import AlarmCore

@Suite("Rule selectors")
struct RuleSelectorTests {
    static let site = UUID(), building = UUID(), floor = UUID(), hall = UUID(), point = UUID(), otherPoint = UUID()
    static let rackInlet = RuleSelector.Facts(pointID: point, quantity: "temperature", assetKind: "rack", spaceID: hall,
                                              floorID: floor, buildingID: building, siteID: site)

    @Test("matching needs every criterion given; the most specific rule wins, ties by id")
    func mostSpecificWins() throws {
        let candidates: [(id: Int, selector: RuleSelector)] = [
            (1, RuleSelector(quantity: "temperature", siteID: Self.site)),
            (2, RuleSelector(quantity: "temperature", assetKind: "rack", buildingID: Self.building)),
            (3, RuleSelector(quantity: "temperature", spaceID: Self.hall)),
            (4, RuleSelector(quantity: "humidity", spaceID: Self.hall)),
            (5, RuleSelector(pointID: Self.otherPoint)),
        ]
        #expect(RuleSelector.winner(for: Self.rackInlet, among: candidates) == 3, "the hall beats the building, kind or not")
        #expect(RuleSelector.winner(for: Self.rackInlet, among: candidates + [(6, RuleSelector(pointID: Self.point))]) == 6)
        #expect(RuleSelector.winner(for: Self.rackInlet, among: Array(candidates.prefix(2))) == 2)
        #expect(RuleSelector.winner(for: Self.rackInlet, among: [(9, candidates[2].selector), (7, candidates[2].selector)]) == 7)
        #expect(RuleSelector.winner(for: Self.rackInlet, among: [candidates[3], candidates[4]]) == nil)
        var elsewhere = Self.rackInlet
        elsewhere.siteID = UUID()
        #expect(!candidates[0].selector.matches(elsewhere))
    }

    @Test("an empty selector is refused")
    func emptySelector() throws {
        #expect(throws: RuleError.self) { try RuleSelector().validate() }
        try RuleSelector(quantity: "leak").validate()
    }
}
