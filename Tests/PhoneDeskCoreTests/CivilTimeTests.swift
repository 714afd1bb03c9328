import Foundation
import Testing
@testable import PhoneDeskCore

struct CivilTimeTests {
    @Test(arguments: [0.0, 951_782_400, 1_795_000_000.75, 4_102_444_799])
    func matchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        #expect(CivilTime.iso8601(date) == formatter.string(from: date))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        #expect(CivilTime.utc(date) == CivilTime.Fields(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!))
    }
}
