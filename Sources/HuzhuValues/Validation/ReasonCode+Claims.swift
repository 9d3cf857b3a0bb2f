extension ReasonCode {
    // MARK: - Claims: input the core refuses (601–649).

    public static let claimUnknown = ReasonCode(601, "claimUnknown",
        "no such claim {id}",
        "理赔案件{id}不存在")
    public static let claimTransition = ReasonCode(602, "claimTransition",
        "cannot {action}: the claim is {status}, not {required}",
        "不能{action}：案件状态为{status}，不是{required}")
    public static let claimAlreadyPaid = ReasonCode(603, "claimAlreadyPaid",
        "already paid {amount} on {date}; a claim is paid once",
        "已于{date}赔付{amount}，不能重复赔付")
    public static let claimKindNotCovered = ReasonCode(604, "claimKindNotCovered",
        "plan {plan} ({planKind}) takes no {kind} claims (expected {kinds})",
        "计划{plan}（{planKind}）不受理{kind}类案件（应为{kinds}）")
    public static let claimDateOrder = ReasonCode(605, "claimDateOrder",
        "{field} {date} is before {other} {otherDate}",
        "{field}{date}早于{other}{otherDate}")
    public static let claimNoPolicy = ReasonCode(606, "claimNoPolicy",
        "holds no policy of plan {plan} covering {date}",
        "{date}无计划{plan}的保单")
    public static let expensesInconsistent = ReasonCode(607, "expensesInconsistent",
        "insurance {insurance} + self-paid {selfPaid} = {sum} does not equal the total {total}",
        "统筹支付{insurance} + 个人自付{selfPaid} = {sum}，不等于费用总额{total}")
    public static let expenseNegative = ReasonCode(608, "expenseNegative",
        "{field} must be 0 or more (got {amount})",
        "{field}不能为负（实为{amount}）")
    public static let benefitItemUnknown = ReasonCode(609, "benefitItemUnknown",
        "plan {plan} has no benefit item {item}",
        "计划{plan}无给付项目{item}")
    public static let benefitItemRequired = ReasonCode(610, "benefitItemRequired",
        "plan {plan} pays fixed sums; name one of its items ({items})",
        "计划{plan}按定额给付，须指定给付项目（{items}）")
    public static let claimDateAfterReport = ReasonCode(611, "claimDateAfterReport",
        "{field} {date} is after the report date {reported}",
        "{field}{date}晚于报案日期{reported}")
    public static let hospitalDatesRequired = ReasonCode(612, "hospitalDatesRequired",
        "{kind} claims under plan {plan} need admission and discharge dates",
        "计划{plan}的{kind}类案件须填写入院和出院日期")
    public static let documentUnknown = ReasonCode(613, "documentUnknown",
        "unknown document \"{text}\" (expected one of {expected})",
        "材料“{text}”无效（应为{expected}之一）")
    public static let claimKindInvalid = ReasonCode(614, "claimKindInvalid",
        "unknown claim kind \"{text}\" (expected one of {expected})",
        "案件类型“{text}”无效（应为{expected}之一）")
    public static let rejectionReasonInvalid = ReasonCode(615, "rejectionReasonInvalid",
        "unknown rejection reason \"{text}\" (expected one of {expected})",
        "拒赔原因“{text}”无效（应为{expected}之一）")
    public static let claimStatusInvalid = ReasonCode(616, "claimStatusInvalid",
        "unknown claim status \"{text}\" (expected one of {expected})",
        "案件状态“{text}”无效（应为{expected}之一）")
    public static let approvedAmountInvalid = ReasonCode(617, "approvedAmountInvalid",
        "approved amount {amount} must be more than 0.00 and at most the benefit {benefit}",
        "核定金额{amount}须大于0.00且不超过给付额{benefit}")
    public static let paymentAmountMismatch = ReasonCode(618, "paymentAmountMismatch",
        "payment {amount} differs from the approved amount {approved}",
        "赔付金额{amount}与核定金额{approved}不符")
    public static let paymentMethodInvalid = ReasonCode(619, "paymentMethodInvalid",
        "unknown payment method \"{text}\" (expected one of {expected})",
        "支付方式“{text}”无效（应为{expected}之一）")
    public static let paymentBeforeApproval = ReasonCode(620, "paymentBeforeApproval",
        "payment date {date} is before the approval on {approved}",
        "赔付日期{date}早于核定日期{approved}")
    public static let topUpNegative = ReasonCode(621, "topUpNegative",
        "rule {rule} proposes {amount}; a benefit is 0.00 or more",
        "规则{rule}提出的给付额{amount}为负")
    public static let topUpRuleRequired = ReasonCode(622, "topUpRuleRequired",
        "a proposed amount needs its rule's name and version hash",
        "规则提出的给付额须注明规则名称和版本哈希")
    public static let furtherPaymentMismatch = ReasonCode(623, "furtherPaymentMismatch",
        "payment {amount} differs from the amount still due {due} (approved {approved}, paid {paid} so far)",
        "补付金额{amount}与应补付金额{due}不符（核定{approved}，已赔付{paid}）")

    /// Every code of this group, in number order.
    static let claims: [ReasonCode] = [
        claimUnknown, claimTransition, claimAlreadyPaid, claimKindNotCovered, claimDateOrder,
        claimNoPolicy, expensesInconsistent, expenseNegative, benefitItemUnknown, benefitItemRequired,
        claimDateAfterReport, hospitalDatesRequired, documentUnknown, claimKindInvalid, rejectionReasonInvalid,
        claimStatusInvalid, approvedAmountInvalid, paymentAmountMismatch, paymentMethodInvalid, paymentBeforeApproval,
        topUpNegative, topUpRuleRequired, furtherPaymentMismatch,
    ]
}
