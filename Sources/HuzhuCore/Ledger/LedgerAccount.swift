import GRDB

/// The chart of accounts of the mutual-aid fund (互助金).
///
/// | account                        | type    | normal side | what it holds                           |
/// |--------------------------------|---------|-------------|-----------------------------------------|
/// | `fund:cash`                    | asset   | debit       | the fund's money (the bank account)     |
/// | `receivable:contributions`     | asset   | debit       | contributions billed to units, unpaid   |
/// | `receipts:unapplied`           | liability | credit    | money received, not yet applied to bills |
/// | `refunds:payable`              | liability | credit    | paid contributions owed back (refunds)  |
/// | `contributions:administration` | income  | credit      | contributions paid by the administration |
/// | `contributions:union`          | income  | credit      | contributions paid by the union         |
/// | `contributions:member`         | income  | credit      | contributions paid by members           |
/// | `benefits:payable`             | liability | credit    | benefits approved, not yet paid (应付赔款) |
/// | `benefits:paid`                | expense | debit       | benefits granted on claims (赔付支出)     |
/// | `members:owe`                  | asset   | debit       | what members owe back on reopened claims |
///
/// A refund takes its parts back out of the contribution accounts, so a
/// contribution account always holds what its payer is charged and kept in.
/// Every posting is listed in `docs/ledger.md`.
public enum LedgerAccount: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The fund's money (asset).
    case fundCash = "fund:cash"
    /// Contributions billed to remitting units and not yet received (asset).
    case receivableContributions = "receivable:contributions"
    /// Money received that is not applied to a bill yet: unknown payer or surplus (liability).
    case receiptsUnapplied = "receipts:unapplied"
    /// Paid contributions of cancelled policies owed back (liability).
    case refundsPayable = "refunds:payable"
    /// Contributions paid by the employer's administration (income).
    case contributionsAdministration = "contributions:administration"
    /// Contributions paid by the union (income).
    case contributionsUnion = "contributions:union"
    /// Contributions paid by members (income).
    case contributionsMember = "contributions:member"
    /// Benefits approved and not yet paid (liability, 应付赔款).
    case benefitsPayable = "benefits:payable"
    /// Benefits granted on claims (expense, 赔付支出): booked on approval.
    case benefitsPaid = "benefits:paid"
    /// What members owe back after a reopened claim's lower decision (asset, 应收个人退回款).
    case membersOwe = "members:owe"

    /// What kind of account it is.
    public enum AccountType: String, Hashable, Sendable {
        case asset, liability, income, expense
    }

    /// The side on which the account grows: debit for assets and expenses, credit for liabilities and income.
    public enum Side: String, Hashable, Sendable {
        case debit, credit
    }

    /// The side on which the account grows.
    public var normalSide: Side {
        switch self {
        case .fundCash, .benefitsPaid: return .debit
        case .receivableContributions: return .debit
        case .receiptsUnapplied: return .credit
        case .refundsPayable: return .credit
        case .membersOwe: return .debit
        case .contributionsAdministration, .contributionsUnion, .contributionsMember: return .credit
        case .benefitsPayable: return .credit
        }
    }

    /// What kind of account it is.
    public var type: AccountType {
        switch self {
        case .fundCash: return .asset
        case .receivableContributions: return .asset
        case .receiptsUnapplied: return .liability
        case .refundsPayable: return .liability
        case .contributionsAdministration, .contributionsUnion, .contributionsMember: return .income
        case .benefitsPaid: return .expense
        case .benefitsPayable: return .liability
        case .membersOwe: return .asset
        }
    }

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .fundCash: return "互助金存款"
        case .receivableContributions: return "应收缴费"
        case .receiptsUnapplied: return "暂收款"
        case .refundsPayable: return "应付退费"
        case .contributionsAdministration: return "行政缴费收入"
        case .contributionsUnion: return "工会缴费收入"
        case .contributionsMember: return "职工缴费收入"
        case .benefitsPaid: return "互助金赔付支出"
        case .benefitsPayable: return "应付赔款"
        case .membersOwe: return "应收个人退回款"
        }
    }

    /// The contribution account of one payer of a ``ContributionSplit``.
    public static let contributionAccounts: [(payer: String, account: LedgerAccount)] = [
        ("administration", .contributionsAdministration), ("union", .contributionsUnion), ("member", .contributionsMember),
    ]

    /// Parses an account from its code (`fund:cash`).
    ///
    /// - Throws: ``ValidationFailure`` E902.
    public init(parsing text: String, field: String = "account") throws {
        guard let account = LedgerAccount(rawValue: text) else {
            throw ValidationFailure(.accountUnknown, field: field, value: .plain(text),
                                    ["text": text, "expected": LedgerAccount.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        self = account
    }
}
