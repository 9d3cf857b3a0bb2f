extension ReasonCode {
    // MARK: - Payouts and members' repayments (930–949).

    public static let repaymentExceedsOwed = ReasonCode(930, "repaymentExceedsOwed",
        "a repayment of {amount} is more than the {outstanding} still owed back",
        "退回金额{amount}超过尚欠退回的{outstanding}")
    public static let payoutBatchEmpty = ReasonCode(931, "payoutBatchEmpty",
        "no approved claim is waiting for payment with a payee bank account{within}; nothing to send",
        "没有待付且有收款账户的已核定理赔{within}，无需发送")
    public static let fundBalanceInsufficient = ReasonCode(932, "fundBalanceInsufficient",
        "the batch's total {total} ({count} claims) is more than the bank balance {balance} (fund:cash); pay fewer claims or record the receipts first",
        "本批合计{total}（{count}笔理赔）超过银行存款余额{balance}（fund:cash）；请减少笔数或先登记收款")
    public static let claimInPayoutBatch = ReasonCode(933, "claimInPayoutBatch",
        "sent to the bank in payout batch {batch} on {date}; wait for the bank's answer (huzhu payouts reconcile)",
        "已于{date}随付款批次{batch}发送银行；请等待银行回盘（huzhu payouts reconcile）")
    public static let payoutReferenceUnknown = ReasonCode(934, "payoutReferenceUnknown",
        "line {line}: not a payment sent to the bank (nor to be settled in this run's scope)",
        "第{line}行：不是已发送银行的付款（或不在本次运行的范围内）")
    public static let payoutStatusInvalid = ReasonCode(935, "payoutStatusInvalid",
        "line {line}: expected success, failed, 成功 or 失败",
        "第{line}行：状态应为success、failed、成功或失败")
    public static let payoutAlreadyAnswered = ReasonCode(936, "payoutAlreadyAnswered",
        "line {line}: already answered ({status} on {date})",
        "第{line}行：已回盘（{date}{status}）")
    public static let payoutFileColumns = ReasonCode(937, "payoutFileColumns",
        "the bank's answer lacks the column {column} (expected reference,status,date,message)",
        "银行回盘文件缺少列{column}（应为reference,status,date,message）")
    public static let payoutFileExists = ReasonCode(938, "payoutFileExists",
        "the file exists already; name a new file for the bank (a file sent is never overwritten)",
        "文件已存在；请为银行文件指定新文件名（已发送的文件不会被覆盖）")
    public static let payeeNameRequired = ReasonCode(939, "payeeNameRequired",
        "another payee needs a name",
        "指定其他收款人须填写姓名")
    public static let payoutDateInvalid = ReasonCode(940, "payoutDateInvalid",
        "line {line}: the bank's date is before the batch was sent ({sent}) or after today ({today})",
        "第{line}行：银行日期早于批次发送日期{sent}或晚于今天（{today}）")

    /// Every code of this group, in number order.
    static let payouts: [ReasonCode] = [
        repaymentExceedsOwed, payoutBatchEmpty, fundBalanceInsufficient, claimInPayoutBatch, payoutReferenceUnknown,
        payoutStatusInvalid, payoutAlreadyAnswered, payoutFileColumns, payoutFileExists, payeeNameRequired,
        payoutDateInvalid,
    ]
}
