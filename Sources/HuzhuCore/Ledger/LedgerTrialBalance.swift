import GRDB

/// The trial balance (试算平衡表): every account of the chart
/// (``LedgerAccount/allCases``, so a new account appears by itself) with its
/// debits, credits and balance, and the totals, which are equal when the
/// books balance.
public struct LedgerTrialBalance: Hashable, Sendable {
    /// The day it is drawn up to (every entry when `nil`).
    public var asOf: CivilDate?
    /// Every account, in chart order.
    public var accounts: [AccountBalance]

    /// Σ debits over every account.
    public var debits: Money { Money(fen: accounts.reduce(0) { $0 + $1.debits.fen }) }
    /// Σ credits over every account.
    public var credits: Money { Money(fen: accounts.reduce(0) { $0 + $1.credits.fen }) }
    /// Whether total debits equal total credits.
    public var isBalanced: Bool { debits == credits }
}

extension LedgerService {
    /// The trial balance over entries dated on or before `asOf` (all when
    /// `nil`), within the scope.
    ///
    /// ```swift
    /// let trial = try ledger.trialBalance(db, asOf: try CivilDate(parsing: "2026-06-30"))
    /// trial.isBalanced   // true
    /// ```
    public func trialBalance(_ db: Database, asOf: CivilDate? = nil) throws -> LedgerTrialBalance {
        LedgerTrialBalance(asOf: asOf, accounts: try balances(db, asOf: asOf))
    }
}
