import Foundation
import HuzhuCore

/// The fixtures of the demo's tests: dates and write contexts with a fixed clock.
enum Fixture {
    /// The business date of the contexts below unless one is given.
    static let today = date("2012-06-20")

    /// A fixed instant for audit timestamps: 2012-06-20T01:02:03.456Z.
    static let instant = Date(timeIntervalSince1970: 1_340_154_123.456)

    static func date(_ text: String) -> CivilDate {
        try! CivilDate(parsing: text)
    }

    static func context(operator name: String = "clerk", today: CivilDate = Fixture.today) -> WriteContext {
        WriteContext(operator: name, today: today, clock: { Fixture.instant })
    }
}
