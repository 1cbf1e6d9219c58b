import Foundation
import Testing
import TwinServices

/// The Capacity Planning report's projection: a least-squares line through daily average power.
@Suite struct RoomTrendTests {
    @Test func aRisingRoomReachesItsBudgetOnTheProjectedDay() throws {
        // 100 kW, 101, 102, 103: +1 kW a day; from 103 kW to a 120 kW budget is 17 days after the end.
        let end = Date(timeIntervalSince1970: 1_780_000_000)
        let trend = try #require(ReportService.RoomTrend.fit([(0, 100_000), (1, 101_000), (2, 102_000), (3, 103_000)], budgetW: 120_000, end: end))
        #expect(abs(trend.slopeWPerDay - 1_000) < 1e-9 && abs(trend.averageW - 101_500) < 1e-9)
        #expect(trend.exhaustion == end.addingTimeInterval(17 * 86_400))
    }

    @Test func flatOrFallingRoomsAndShortSeriesProjectNothing() {
        #expect(ReportService.RoomTrend.fit([(0, 5_000), (1, 4_000)], budgetW: 10_000, end: Date())?.exhaustion == nil)
        #expect(ReportService.RoomTrend.fit([(0, 5_000)], budgetW: 10_000, end: Date()) == nil)
        #expect(ReportService.RoomTrend.fit([(0, 12_000), (1, 13_000)], budgetW: 10_000, end: Date())?.exhaustion == nil, "already over")
    }
}
