extension ReasonCode {
    // MARK: - Claims: the reasons a claim is rejected (651–699), which ``ClaimRejectionReason`` stores; each has a short label for reviewers as well.

    public static let notCovered = ReasonCode(651, "notCovered",
        "incident on {date} is outside the cover of policy {policy} ({start} to {end})",
        "出险日期{date}不在保单{policy}的保障期（{start}至{end}）内",
        short: ("not covered", "不属于保障责任"))
    public static let waitingPeriod = ReasonCode(652, "waitingPeriod",
        "incident on {date} is in the waiting period ({days} days from {start}; covered from {covered})",
        "出险日期{date}在等待期内（自{start}起{days}天，{covered}起承担责任）",
        short: ("incident in the waiting period", "等待期内出险"))
    public static let reportDeadline = ReasonCode(653, "reportDeadline",
        "reported on {reported}, after the report deadline {deadline} ({window} days from {from})",
        "报案日期{reported}晚于报案期限{deadline}（{from}起{window}天）",
        short: ("reported after the deadline", "逾期报案"))
    public static let lapsed = ReasonCode(654, "lapsed",
        "reported on {reported}, after the claim lapsed on {deadline} ({window} days from {from})",
        "报案日期{reported}晚于索赔时效截止日{deadline}（{from}起{window}天）",
        short: ("claim lapsed", "超过索赔时效"))
    public static let ineligible = ReasonCode(655, "ineligible",
        "policy {policy} is {status}",
        "保单{policy}状态为{status}",
        short: ("ineligible member or policy", "不符合参保条件"))
    public static let duplicate = ReasonCode(656, "duplicate",
        "duplicates claim {other} (same policy, kind and incident date)",
        "与案件{other}重复（同一保单、类型和出险日期）",
        short: ("duplicate claim", "重复报案"))
    public static let documentsMissing = ReasonCode(657, "documentsMissing",
        "documents missing: {documents}",
        "缺少材料：{documents}",
        short: ("documents missing", "材料不全"))
    public static let overCap = ReasonCode(658, "overCap",
        "the per-term cap {limit} is used up ({used} approved or paid in term {term})",
        "保障期{term}限额{limit}已用完（已核定或赔付{used}）",
        short: ("over the plan's cap", "超过给付限额"))
    public static let excludedCause = ReasonCode(659, "excludedCause",
        "excluded cause",
        "除外责任",
        short: ("excluded cause", "除外责任"))
    public static let otherReason = ReasonCode(660, "otherReason",
        "other reason",
        "其他原因")
    public static let belowDeductible = ReasonCode(661, "belowDeductible",
        "expenses {base} do not exceed the deductible {deductible}",
        "费用{base}未超过免赔额{deductible}",
        short: ("expenses below the deductible", "费用未超过免赔额"))

    /// Every code of this group, in number order.
    static let rejections: [ReasonCode] = [
        notCovered, waitingPeriod, reportDeadline, lapsed, ineligible,
        duplicate, documentsMissing, overCap, excludedCause, otherReason,
        belowDeductible,
    ]
}
