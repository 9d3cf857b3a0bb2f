import Foundation
import HuzhuCore

// MARK: - Units paying their bills

extension DemoCity {
    /// How a unit pays the bills of its group enrolments.
    enum PayingHabit: Int, CaseIterable {
        /// In full, 3–28 days after the bill (before its due day).
        case onTime
        /// In full, 35–150 days after the bill (after its due day), or not yet by ``today``.
        case late
        /// 40–90% of it, rounded down to the yuan, on time; the rest still owed.
        case partly
        /// Nothing.
        case never
    }

    /// A unit's habit: in a drawn order of the units, the first pays nothing, the second
    /// partly, the third late (so every habit is there); the rest 80 : 10 : 6 : 4.
    static func payingHabits(count: Int, random: inout SplitMix64) -> [PayingHabit] {
        var order = Array(0..<count)
        random.shuffle(&order)
        var habits = [PayingHabit](repeating: .onTime, count: count)
        for (rank, unit) in order.enumerated() {
            habits[unit] = rank == 0 ? .never : rank == 1 ? .partly : rank == 2 ? .late
                : PayingHabit(rawValue: random.index(weightedBy: [800, 100, 60, 40]))!
        }
        return habits
    }

    /// What the units' receipts came to.
    struct ReceiptTotals {
        var count = 0
        var amount = Money.zero
    }

    /// Receives the money of the units' group-enrolment bills as the bank's
    /// statement shows it, through ``LedgerService/receive(_:_:context:)``
    /// (the path of `huzhu import receipts` and `huzhu.ledger.receive`):
    /// one receipt per unit (its bills of one day), payer named as on the
    /// statement (the unit's name), dated on a weekday after the bill by the
    /// unit's habit (``PayingHabit``); receipts after ``today`` are not
    /// taken. What a unit owes comes from ``LedgerService/owed(_:unit:asOf:)``,
    /// so a full payment settles its bills exactly.
    ///
    /// - Parameters:
    ///   - units: The paying units: code, name and the day their bills were issued.
    static func receive(_ db: DatabaseConnection, services: Services, units: [(code: String, name: String, billed: CivilDate)],
                        random: inout SplitMix64, clock: @escaping @Sendable () -> Date) throws -> ReceiptTotals {
        let habits = payingHabits(count: units.count, random: &random)
        var receipts: [(date: CivilDate, unit: Int, amount: Money)] = []
        for (index, unit) in units.enumerated() {
            let owed = try services.ledger.owed(db, unit: unit.code, asOf: today).total.fen
            guard owed > 0 else { continue }
            let date: CivilDate
            var amount = owed
            switch habits[index] {
            case .never: continue
            case .onTime: date = unit.billed.adding(days: random.int(in: 3...28))
            case .late: date = unit.billed.adding(days: random.int(in: 35...150))
            case .partly:
                date = unit.billed.adding(days: random.int(in: 5...28))
                amount = owed * Int64(random.int(in: 400...900)) / 1_000 / 100 * 100
            }
            let day = weekday(date)
            guard day <= today, amount > 0 else { continue }
            receipts.append((day, index, Money(fen: amount)))
        }
        receipts.sort { ($0.date, $0.unit) < ($1.date, $1.unit) }
        var totals = ReceiptTotals()
        for receipt in receipts {
            let unit = units[receipt.unit]
            let context = WriteContext(operator: operatorName, today: receipt.date, clock: clock)
            let reference = "HS" + receipt.date.description.replacingOccurrences(of: "-", with: "") + "-" + unit.code
            try services.ledger.receive(db, ReceiptRequest(date: receipt.date, payer: unit.name, amount: receipt.amount,
                                                           reference: reference), context: context)
            totals.count += 1
            totals.amount = Money(fen: totals.amount.fen + receipt.amount.fen)
        }
        return totals
    }

    /// The units that add critical illness in the autumn (their cover from
    /// that day): one per 40 grassroots unions (at least 2), drawn from
    /// those that enrolled without it, on weekdays alternately from 10-08
    /// to 11-13 and from 11-23 to 12-18. Their bills are not paid by
    /// ``today``, so what is owed falls in the young age bands too.
    static func autumnAdditions(_ grassroots: [Grassroots], enrolled: [Int], random: inout SplitMix64) -> [(unit: Int, date: CivilDate)] {
        var candidates = enrolled.filter { !grassroots[$0].criticalIllness }
        random.shuffle(&candidates)
        let count = min(candidates.count, max(2, grassroots.count / 40))
        let windows = [(CivilDate(year: programmeYear, month: 10, day: 8)!, 36),
                       (CivilDate(year: programmeYear, month: 11, day: 23)!, 25)]
        return candidates.prefix(count).enumerated().map { position, unit in
            let (first, span) = windows[position % 2]
            return (unit, weekday(first.adding(days: random.int(in: 0...span))))
        }.sorted { ($0.date, $0.unit) < ($1.date, $1.unit) }
    }
}
