import GRDB

/// The age bands of arrears (欠费), in days since a bill was issued.
public enum ArrearsBand: String, Hashable, Sendable, CaseIterable {
    /// 0–30 days.
    case upTo30 = "0-30"
    /// 31–90 days.
    case upTo90 = "31-90"
    /// More than 90 days.
    case over90 = ">90"

    /// The band of an age in days.
    public init(days: Int) {
        self = days <= 30 ? .upTo30 : days <= 90 ? .upTo90 : .over90
    }
}

/// What a unit (and its subtree) owes on a day: each open bill with its age,
/// and the totals by payer part and by age band.
public struct OwedReport: Hashable, Sendable {
    /// One open bill.
    public struct Line: Hashable, Sendable {
        /// The bill and what is open on it.
        public var bill: OpenBill
        /// Days from its issue to the report's day.
        public var ageDays: Int
        /// Whether it is past its due day.
        public var overdue: Bool
        /// The age band.
        public var band: ArrearsBand { ArrearsBand(days: ageDays) }
    }

    /// The unit asked about (nil: the whole scope).
    public var unit: String?
    /// The day.
    public var asOf: CivilDate
    /// The open bills, oldest first.
    public var lines: [Line]

    /// Σ open.
    public var total: Money { Money(fen: lines.reduce(0) { $0 + $1.bill.open.fen }) }
    /// Σ open past the due day.
    public var overdue: Money { Money(fen: lines.filter(\.overdue).reduce(0) { $0 + $1.bill.open.fen }) }
    /// Σ open by payer part.
    public var byPart: ContributionSplit {
        lines.reduce(ContributionSplit.zero) {
            ContributionSplit(administration: Money(fen: $0.administration.fen + $1.bill.openParts.administration.fen),
                              union: Money(fen: $0.union.fen + $1.bill.openParts.union.fen),
                              member: Money(fen: $0.member.fen + $1.bill.openParts.member.fen))
        }
    }
    /// Σ open by age band (every band present).
    public var byBand: [(band: ArrearsBand, amount: Money)] {
        ArrearsBand.allCases.map { band in
            (band, Money(fen: lines.filter { $0.band == band }.reduce(0) { $0 + $1.bill.open.fen }))
        }
    }
}

extension LedgerService {
    /// What a unit's subtree owes on a day (默认今天): its bills issued by
    /// then with something open, oldest first, aged from their issue.
    ///
    /// - Parameters:
    ///   - unit: The unit (its subtree); the whole scope when nil.
    ///   - asOf: The day; entries and settlements after it are left out.
    /// - Throws: ``ValidationError`` E208 (unknown unit), E250 (outside the scope).
    public func owed(_ db: Database, unit: String?, asOf: CivilDate) throws -> OwedReport {
        let lines = try openBills(db, unit: unit, asOf: asOf).map { bill in
            OwedReport.Line(bill: bill, ageDays: bill.bill.issuedOn.days(until: asOf), overdue: bill.bill.dueOn < asOf)
        }
        return OwedReport(unit: unit, asOf: asOf, lines: lines)
    }

    /// The receipts of a unit's subtree, oldest first.
    public func receipts(_ db: Database, unit: String?) throws -> [Receipt] {
        try ReceivableStore.receipts(db, in: try scope.range(narrowedTo: unit, in: db))
    }
}
