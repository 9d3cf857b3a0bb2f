extension ReasonCode {
    // MARK: - The ledger (9xx).

    public static let entryUnbalanced = ReasonCode(901, "entryUnbalanced",
        "entry does not balance: debits {debits}, credits {credits}",
        "分录借贷不平：借方{debits}，贷方{credits}")
    public static let accountUnknown = ReasonCode(902, "accountUnknown",
        "unknown account \"{text}\" (expected one of {expected})",
        "科目“{text}”无效（应为{expected}之一）")
    public static let lineAmountInvalid = ReasonCode(903, "lineAmountInvalid",
        "a line's amount must be more than 0.00 (got {amount})",
        "分录金额须大于0.00（实为{amount}）")
    public static let contributionAlreadyPosted = ReasonCode(904, "contributionAlreadyPosted",
        "the contribution of policy {policy} is already posted (entry {entry})",
        "保单{policy}的缴费已入账（分录{entry}）")
    public static let entryUnknown = ReasonCode(905, "entryUnknown",
        "no such ledger entry {id}",
        "分录{id}不存在")
    public static let entryAlreadyReversed = ReasonCode(906, "entryAlreadyReversed",
        "entry {id} was already reversed by entry {by}",
        "分录{id}已由分录{by}冲销")
    public static let refundNeedsCancelledPolicy = ReasonCode(907, "refundNeedsCancelledPolicy",
        "policy {policy} is {status}; only a cancelled policy's contribution is refunded",
        "保单{policy}状态为{status}；只有已退保的保单才能退费")
    public static let contributionNotPosted = ReasonCode(908, "contributionNotPosted",
        "policy {policy} has no contribution posted",
        "保单{policy}的缴费尚未入账")
    public static let entryNotReversible = ReasonCode(909, "entryNotReversible",
        "entry {id} is a {kind} entry and cannot be reversed (only contributions are)",
        "分录{id}是{kind}分录，不能冲销（只能冲销缴费分录）")
    public static let periodClosed = ReasonCode(950, "periodClosed",
        "entry dated {date} falls in a closed period (the books are closed through {through}); corrections go to the open period, dated after {through}",
        "分录日期{date}属于已结账期间（已结账至{through}）；更正请记入未结账期间，日期在{through}之后")
    public static let periodAlreadyClosed = ReasonCode(951, "periodAlreadyClosed",
        "{month} is already closed (the books are closed through {through}); closing is forward-only, close a later month",
        "{month}已结账（已结账至{through}）；结账只能向后推进，请结账更晚的月份")
    public static let periodNotEnded = ReasonCode(952, "periodNotEnded",
        "{month} has not ended on {today}; only past months can be closed",
        "{month}在{today}尚未结束；只能结账已过去的月份")
    public static let periodMonthInvalid = ReasonCode(953, "periodMonthInvalid",
        "\"{text}\" is not a month (expected YYYY-MM, e.g. 2026-06)",
        "“{text}”不是有效月份（应为YYYY-MM，例如2026-06）")

    // MARK: - Bills and receipts (910–929).

    public static let payerUnknown = ReasonCode(910, "payerUnknown",
        "payer \"{payer}\" is no unit: {amount} held as unapplied receipts",
        "缴款单位“{payer}”不存在：{amount}记入暂收款")
    public static let receiptSurplus = ReasonCode(911, "receiptSurplus",
        "{amount} more than unit {unit} owes: held as unapplied receipts",
        "超出单位{unit}应缴{amount}：记入暂收款")
    public static let referenceDuplicate = ReasonCode(912, "referenceDuplicate",
        "reference \"{reference}\" was already received (receipt {receipt} on {date})",
        "流水号“{reference}”已入账（收款{receipt}，{date}）")
    public static let receiptAmountInvalid = ReasonCode(913, "receiptAmountInvalid",
        "an amount received must be more than 0.00 (got {amount})",
        "收款金额须大于0.00（实为{amount}）")
    public static let referenceMissing = ReasonCode(914, "referenceMissing",
        "a receipt needs the bank's reference",
        "收款须有银行流水号")
    public static let receiptUnknown = ReasonCode(915, "receiptUnknown",
        "no such receipt {receipt}",
        "收款{receipt}不存在")
    public static let unappliedShort = ReasonCode(916, "unappliedShort",
        "receipt {receipt} holds {held} unapplied; {amount} cannot be applied",
        "收款{receipt}暂收余额{held}，不能核销{amount}")
    public static let nothingOwed = ReasonCode(917, "nothingOwed",
        "unit {unit} owes nothing: no open bills",
        "单位{unit}无欠费：没有未结清的缴费通知")

    /// Every code of this group, in number order.
    static let ledger: [ReasonCode] = [
        entryUnbalanced, accountUnknown, lineAmountInvalid, contributionAlreadyPosted, entryUnknown,
        entryAlreadyReversed, refundNeedsCancelledPolicy, contributionNotPosted, entryNotReversible,
        payerUnknown, receiptSurplus, referenceDuplicate, receiptAmountInvalid, referenceMissing, receiptUnknown,
        unappliedShort, nothingOwed,
    ]

    /// The closed-period codes (95x), after the payouts' (93x).
    static let ledgerPeriods: [ReasonCode] = [
        periodClosed, periodAlreadyClosed, periodNotEnded, periodMonthInvalid,
    ]
}
