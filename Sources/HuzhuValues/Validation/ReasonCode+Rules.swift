extension ReasonCode {
    // MARK: - Rules, subsidy budgets, targets and appraisals (10xx).

    public static let ruleName = ReasonCode(1001, "ruleName",
        "rule name \"{name}\" must be lower-case letters, digits and _, starting with a letter",
        "规则名“{name}”只能由小写字母、数字和下划线组成，并以字母开头")
    public static let subsidyBudgetExceeded = ReasonCode(1002, "subsidyBudgetExceeded",
        "union share {union} exceeds the unit's remaining subsidy budget {remaining}",
        "工会承担 {union} 超过本单位剩余补助预算 {remaining}")
    public static let targetNegative = ReasonCode(1003, "targetNegative",
        "the {what} target must be 0 or more (got {value})",
        "{what}目标不能为负（实为{value}）")
    public static let targetYearInvalid = ReasonCode(1004, "targetYearInvalid",
        "year {year} is out of range 1900-9999",
        "年度{year}超出范围1900-9999")
    public static let appraisalLocked = ReasonCode(1005, "appraisalLocked",
        "the final appraisal of {level} units for {year} was confirmed on {date} by {operator} and is locked",
        "{year}年度{level}单位年终总评已于{date}由{operator}确认，不能再改")
    public static let ruleNotInForce = ReasonCode(1006, "ruleNotInForce",
        "no {name} rule is in force on {date} (activate one: huzhu rules activate {name} FILE --from DATE)",
        "{date}没有生效的{name}规则（请先启用：huzhu rules activate {name} FILE --from DATE）")
    public static let appraisalNoUnits = ReasonCode(1007, "appraisalNoUnits",
        "there are no {level} units to appraise",
        "没有可考核的{level}单位")
    public static let periodInvalid = ReasonCode(1008, "periodInvalid",
        "the period ends on {to}, before it starts on {from}",
        "统计期截止日{to}早于起始日{from}")

    /// Every code of this group, in number order.
    static let rules: [ReasonCode] = [
        ruleName, subsidyBudgetExceeded, targetNegative, targetYearInvalid, appraisalLocked,
        ruleNotInForce, appraisalNoUnits, periodInvalid,
    ]
}
