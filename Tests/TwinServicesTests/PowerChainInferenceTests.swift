import Testing
@testable import TwinServices

/// Ratings written in a type's name, the model's last word when no property carries one.
@Suite struct PowerChainInferenceTests {
    @Test func ratingsInTypeNames() {
        #expect(PowerChainInference.ratingInName("CRAC 100kW downflow") == 100_000)
        #expect(PowerChainInference.ratingInName("UPS 500kVA modular") == 450_000)  // 0.9 power factor
        #expect(PowerChainInference.ratingInName("Floor PDU 150 kVA") == 135_000)
        #expect(PowerChainInference.ratingInName("Chiller 1.5 MW") == 1_500_000)
        #expect(PowerChainInference.ratingInName("Rack 42U 600x1200") == nil)
        #expect(PowerChainInference.ratingInName("PDU") == nil)
        #expect(PowerChainInference.ratingInName("") == nil)
        #expect(PowerChainInference.ratingInName("1.2.3kW") == nil)
    }
}
