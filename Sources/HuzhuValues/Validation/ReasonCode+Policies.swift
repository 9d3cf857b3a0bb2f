extension ReasonCode {
    // MARK: - Policies and enrolment (5xx).

    public static let memberNotActive = ReasonCode(501, "memberNotActive",
        "member is {status} since {date}, not active",
        "会员状态为{status}（自{date}起），不是在职")
    public static let sharesOutOfRange = ReasonCode(502, "sharesOutOfRange",
        "shares must be 1–{max} (got {shares})",
        "份数应为1–{max}（实为{shares}）")
    public static let policyOverlap = ReasonCode(503, "policyOverlap",
        "already holds a policy in plan {plan} term {term} (overlap)",
        "已参保计划{plan}保障期{term}（重复参保）")
    public static let exclusivePlanHeld = ReasonCode(504, "exclusivePlanHeld",
        "already holds plan {other} term {otherTerm}, which excludes {plan} (group {group})",
        "已参保计划{other}保障期{otherTerm}，与{plan}互斥（{group}）")
    public static let ageIneligible = ReasonCode(505, "ageIneligible",
        "age {age} on {start} is outside the plan's range {range}",
        "{start}时年龄{age}岁，不在计划年龄范围{range}内")
    public static let genderIneligible = ReasonCode(506, "genderIneligible",
        "plan {plan} is for {gender} members only",
        "计划{plan}仅限{gender}会员")
    public static let splitSumMismatch = ReasonCode(507, "splitSumMismatch",
        "split {administration} + {union} + {member} = {sum} does not equal the contribution {contribution}",
        "分担额{administration} + {union} + {member} = {sum}，不等于缴费额{contribution}")
    public static let splitNegative = ReasonCode(508, "splitNegative",
        "{part} share of the split is negative ({amount})",
        "分担额中{part}部分为负（{amount}）")
    public static let policyUnknown = ReasonCode(509, "policyUnknown",
        "no such policy {id}",
        "保单{id}不存在")
    public static let policyNotActive = ReasonCode(510, "policyNotActive",
        "policy is {status}, not active",
        "保单状态为{status}，不是有效")
    public static let groupMinimumShare = ReasonCode(511, "groupMinimumShare",
        "{enrolled} of {employees} employees would be enrolled in {plan} term {term} ({percent}%); the plan needs at least {minimum}%",
        "{plan}保障期{term}参保{enrolled}人，职工{employees}人（{percent}%）；计划要求至少{minimum}%")
    public static let groupEveryone = ReasonCode(512, "groupEveryone",
        "a unit of {employees} employees (under {threshold}) enrolls everyone in {plan} term {term}; {enrolled} would be enrolled",
        "职工{employees}人（不足{threshold}人）的单位须全员参保{plan}保障期{term}，实际参保{enrolled}人")
    public static let headcountMissing = ReasonCode(513, "headcountMissing",
        "no employee count for {year}",
        "无{year}年职工人数")
    public static let termEnded = ReasonCode(514, "termEnded",
        "term {term} ended on {end}",
        "保障期{term}已于{end}结束")
    public static let cancelDateOutside = ReasonCode(515, "cancelDateOutside",
        "cancellation date {date} is outside policy {policy} (enrolled {enrolled}, cover to {end})",
        "退保日期{date}不在保单{policy}期间内（{enrolled}参保，保障至{end}）")
    public static let cancelAfterClaim = ReasonCode(516, "cancelAfterClaim",
        "claim {claim} has an incident on {incident}, after the cancellation date {date}",
        "理赔{claim}的出险日期{incident}晚于退保日期{date}")
    public static let cancelReasonMissing = ReasonCode(517, "cancelReasonMissing",
        "a cancellation needs a reason",
        "退保须说明原因")
    public static let renewalNoPreviousTerm = ReasonCode(530, "renewalNoPreviousTerm",
        "plan {plan} has no term starting before {term} to renew from",
        "计划{plan}在保障期{term}之前没有可续保的保障期")

    /// Every code of this group, in number order.
    static let policies: [ReasonCode] = [
        memberNotActive, sharesOutOfRange, policyOverlap, exclusivePlanHeld, ageIneligible,
        genderIneligible, splitSumMismatch, splitNegative, policyUnknown, policyNotActive,
        groupMinimumShare, groupEveryone, headcountMissing, termEnded, cancelDateOutside, cancelAfterClaim,
        cancelReasonMissing, renewalNoPreviousTerm,
    ]
}
