extension ReasonCode {
    // MARK: - Plans and terms (4xx).

    public static let planCodeInvalid = ReasonCode(401, "planCodeInvalid",
        "invalid plan code \"{code}\" (1–32 letters, digits, '-' or '_')",
        "计划代码“{code}”无效（应为1–32位字母、数字、“-”或“_”）")
    public static let planCodeTaken = ReasonCode(402, "planCodeTaken",
        "plan {code} already exists",
        "计划{code}已存在")
    public static let priceInvalid = ReasonCode(404, "priceInvalid",
        "price per share must be more than 0 (got {amount})",
        "每份价格必须大于0（实为{amount}）")
    public static let maxSharesInvalid = ReasonCode(405, "maxSharesInvalid",
        "maximum shares must be 1 or more (got {count})",
        "最高份数至少为1（实为{count}）")
    public static let ageRangeInvalid = ReasonCode(406, "ageRangeInvalid",
        "age range {min}–{max} is invalid",
        "年龄范围{min}–{max}无效")
    public static let waitingPeriodInvalid = ReasonCode(407, "waitingPeriodInvalid",
        "waiting period must be 0 days or more (got {days})",
        "等待期不能为负（实为{days}天）")
    public static let accidentWaitingPeriod = ReasonCode(408, "accidentWaitingPeriod",
        "an accident plan has no waiting period (got {days} days)",
        "意外伤害计划不设等待期（实为{days}天）")
    public static let deductibleInvalid = ReasonCode(409, "deductibleInvalid",
        "deductible must be 0 or more (got {amount})",
        "免赔额不能为负（实为{amount}）")
    public static let paymentRatioInvalid = ReasonCode(410, "paymentRatioInvalid",
        "payment ratio must be 0–10000 basis points (got {ratio})",
        "赔付比例应为0–10000个基点（实为{ratio}）")
    public static let capInvalid = ReasonCode(411, "capInvalid",
        "{cap} must be more than 0 (got {amount})",
        "{cap}必须大于0（实为{amount}）")
    public static let capsInconsistent = ReasonCode(412, "capsInconsistent",
        "per-claim cap {claim} exceeds the per-term cap {term}",
        "单次限额{claim}超过保障期限额{term}")
    public static let benefitItemInvalid = ReasonCode(413, "benefitItemInvalid",
        "benefit item \"{item}\" needs a code, a name and an amount more than 0",
        "给付项目“{item}”须有代码、名称和大于0的金额")
    public static let benefitItemDuplicate = ReasonCode(414, "benefitItemDuplicate",
        "benefit item {item} appears more than once",
        "给付项目{item}重复")
    public static let windowInvalid = ReasonCode(415, "windowInvalid",
        "{window} must be 1 day or more (got {days})",
        "{window}至少为1天（实为{days}天）")
    public static let lapseBeforeReport = ReasonCode(416, "lapseBeforeReport",
        "lapse window ({lapse} days) is shorter than the report window ({report} days)",
        "失效期限（{lapse}天）短于报案期限（{report}天）")
    public static let groupMinimumInvalid = ReasonCode(417, "groupMinimumInvalid",
        "group minimum must be 1–100 percent (got {percent})",
        "集体参保最低比例应为1–100%（实为{percent}）")
    public static let groupThresholdInvalid = ReasonCode(418, "groupThresholdInvalid",
        "small-unit threshold must be 0 or more (got {count})",
        "小单位人数界限不能为负（实为{count}）")
    public static let planUnknown = ReasonCode(419, "planUnknown",
        "unknown plan {code}",
        "计划{code}不存在")
    public static let termLength = ReasonCode(421, "termLength",
        "a term runs 1, 2 or 3 whole years ({start} to {end} does not)",
        "保障期应为整1、2或3年（{start}至{end}不是）")
    public static let termOverlap = ReasonCode(422, "termOverlap",
        "overlaps term {other} ({otherStart} to {otherEnd})",
        "与保障期{other}（{otherStart}至{otherEnd}）重叠")
    public static let termLabelTaken = ReasonCode(423, "termLabelTaken",
        "plan {plan} already has a term {term}",
        "计划{plan}已有保障期{term}")
    public static let termUnknown = ReasonCode(424, "termUnknown",
        "plan {plan} has no term {term}",
        "计划{plan}无保障期{term}")
    public static let noOpenTerm = ReasonCode(425, "noOpenTerm",
        "plan {plan} has no term open on {date}",
        "计划{plan}在{date}没有可参保的保障期")
    public static let termLabelInvalid = ReasonCode(426, "termLabelInvalid",
        "term label must be 1–20 characters (got {count})",
        "保障期名称应为1–20个字符（实际{count}个）")

    /// Every code of this group, in number order.
    public static let termRulesMissing = ReasonCode(427, "termRulesMissing",
        "the first term of plan {plan} needs its rules (a price and the rest); later terms may copy an earlier one",
        "计划{plan}的第一个保障期须给出规则（价格等）；以后的保障期可沿用之前的")
    public static let termRulesLocked = ReasonCode(428, "termRulesLocked",
        "term {term} of plan {plan} already has {count} policies: its {field} cannot change (add a new term instead)",
        "计划{plan}的保障期{term}已有{count}份保单，{field}不能再改（请新增保障期）")
    public static let planLocked = ReasonCode(429, "planLocked",
        "plan {plan} already has policies: its {field} cannot change",
        "计划{plan}已有保单，{field}不能再改")
    public static let plansFileInvalid = ReasonCode(430, "plansFileInvalid",
        "{detail}",
        "{detail}")

    static let plans: [ReasonCode] = [
        planCodeInvalid, planCodeTaken, priceInvalid, maxSharesInvalid, ageRangeInvalid,
        waitingPeriodInvalid, accidentWaitingPeriod, deductibleInvalid, paymentRatioInvalid, capInvalid,
        capsInconsistent, benefitItemInvalid, benefitItemDuplicate, windowInvalid, lapseBeforeReport,
        groupMinimumInvalid, groupThresholdInvalid, planUnknown, termLength, termOverlap,
        termLabelTaken, termUnknown, noOpenTerm, termLabelInvalid, termRulesMissing, termRulesLocked, planLocked,
        plansFileInvalid,
    ]
}
