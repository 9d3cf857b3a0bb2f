extension ReasonCode {
    // MARK: - Resident IDs and phone numbers (1xx).

    public static let residentIDLength = ReasonCode(101, "residentIDLength",
        "must be 18 characters (got {count})",
        "应为18位（实际{count}位）")
    public static let residentIDCharacter = ReasonCode(102, "residentIDCharacter",
        "unexpected character '{character}' at position {position}",
        "第{position}位字符“{character}”无效")
    public static let residentIDAreaCode = ReasonCode(103, "residentIDAreaCode",
        "unknown area code {area}",
        "地区码{area}不存在")
    public static let residentIDBirthDate = ReasonCode(104, "residentIDBirthDate",
        "invalid birth date ({date})",
        "出生日期无效（{date}）")
    public static let residentIDBirthDateInFuture = ReasonCode(105, "residentIDBirthDateInFuture",
        "birth date {date} is in the future",
        "出生日期{date}晚于今天")
    public static let residentIDBirthDateTooEarly = ReasonCode(106, "residentIDBirthDateTooEarly",
        "birth date {date} is before {earliest}",
        "出生日期{date}早于{earliest}")
    public static let residentIDCheckCharacter = ReasonCode(107, "residentIDCheckCharacter",
        "wrong check character (expected {expected}, got {actual})",
        "校验码错误（应为{expected}，实为{actual}）")
    public static let phoneInvalid = ReasonCode(111, "phoneInvalid",
        "invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)",
        "电话号码无效（应为手机号如13812345678或固定电话如0551-1234567）")

    /// Every code of this group, in number order.
    static let identity: [ReasonCode] = [
        residentIDLength, residentIDCharacter, residentIDAreaCode, residentIDBirthDate, residentIDBirthDateInFuture,
        residentIDBirthDateTooEarly, residentIDCheckCharacter, phoneInvalid,
    ]
}
