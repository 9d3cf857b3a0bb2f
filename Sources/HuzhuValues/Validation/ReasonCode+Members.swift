extension ReasonCode {
    // MARK: - Members (3xx).

    public static let memberNameInvalid = ReasonCode(301, "memberNameInvalid",
        "name must be 1–50 characters (got {count})",
        "姓名应为1–50个字符（实际{count}个）")
    public static let memberExists = ReasonCode(302, "memberExists",
        "already registered",
        "身份证号已登记")
    public static let genderConflict = ReasonCode(303, "genderConflict",
        "gender {given} conflicts with the resident ID ({derived})",
        "性别{given}与身份证号（{derived}）不符")
    public static let birthDateConflict = ReasonCode(304, "birthDateConflict",
        "birth date {given} conflicts with the resident ID ({derived})",
        "出生日期{given}与身份证号（{derived}）不符")
    public static let memberUnknown = ReasonCode(305, "memberUnknown",
        "no such member",
        "无此会员")
    public static let statusDateMissing = ReasonCode(306, "statusDateMissing",
        "status {status} needs {field}",
        "状态{status}须填写{field}")
    public static let statusDateUnexpected = ReasonCode(307, "statusDateUnexpected",
        "status {status} takes no {field}",
        "状态{status}不应填写{field}")
    public static let dateBeforeJoining = ReasonCode(308, "dateBeforeJoining",
        "{date} is before the join date {joined}",
        "{date}早于入会日期{joined}")
    public static let dateInFuture = ReasonCode(309, "dateInFuture",
        "{date} is after today ({today})",
        "{date}晚于今天（{today}）")
    public static let joinedBeforeBirth = ReasonCode(310, "joinedBeforeBirth",
        "join date {date} is before the birth date {birth}",
        "入会日期{date}早于出生日期{birth}")
    public static let memberGone = ReasonCode(311, "memberGone",
        "member is {status} since {date}",
        "会员状态为{status}（自{date}起）")
    public static let transferSameUnit = ReasonCode(312, "transferSameUnit",
        "member is already in unit {unit}",
        "会员已在单位{unit}")
    public static let memberChangeUnknown = ReasonCode(313, "memberChangeUnknown",
        "unknown change \"{change}\" (expected one of {expected})",
        "未知变更\"{change}\"（应为{expected}之一）")
    public static let changeBeforeLast = ReasonCode(314, "changeBeforeLast",
        "{date} is before the member's last recorded change ({last} on {lastDate})",
        "{date}早于会员最近一次变更（{lastDate}{last}）")
    public static let memberChangeFieldMissing = ReasonCode(315, "memberChangeFieldMissing",
        "change {change} needs {field}",
        "变更{change}须填写{field}")
    public static let bankCardCheckDigit = ReasonCode(316, "bankCardCheckDigit",
        "account number {account} is not a valid UnionPay card number (its check digit is wrong); check the card",
        "账号{account}不是有效的银联卡号（校验位错误）；请核对银行卡")
    public static let bankAccountInvalid = ReasonCode(317, "bankAccountInvalid",
        "account number {account} must be 10 to 30 digits, nothing else (got {length} characters)",
        "账号{account}应为10至30位纯数字（实为{length}个字符）")
    public static let bankNameRequired = ReasonCode(318, "bankNameRequired",
        "a payee bank account needs the bank's name (开户行)",
        "收款账户须填写开户行")
    public static let pseudonymOutOfRange = ReasonCode(320, "pseudonymOutOfRange",
        "member {id} cannot be anonymised: a pseudonym holds row ids up to {largest}",
        "会员{id}无法匿名化：化名只能容纳不超过{largest}的编号")

    /// Every code of this group, in number order.
    static let members: [ReasonCode] = [
        memberNameInvalid, memberExists, genderConflict, birthDateConflict, memberUnknown,
        statusDateMissing, statusDateUnexpected, dateBeforeJoining, dateInFuture, joinedBeforeBirth,
        memberGone, transferSameUnit, memberChangeUnknown, changeBeforeLast, memberChangeFieldMissing,
        bankCardCheckDigit, bankAccountInvalid, bankNameRequired,
        pseudonymOutOfRange,
    ]
}
