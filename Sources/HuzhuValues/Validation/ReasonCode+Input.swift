extension ReasonCode {
    // MARK: - General input: dates, numbers, required values (8xx).

    public static let dateInvalid = ReasonCode(801, "dateInvalid",
        "invalid date \"{text}\" (expected YYYY-MM-DD)",
        "日期“{text}”无效（应为YYYY-MM-DD）")
    public static let valueRequired = ReasonCode(802, "valueRequired",
        "a value is required",
        "不能为空")
    public static let duplicateInFile = ReasonCode(803, "duplicateInFile",
        "duplicate {key}, first at line {line}",
        "{key}重复，首次出现在第{line}行")
    public static let booleanInvalid = ReasonCode(804, "booleanInvalid",
        "invalid yes/no value \"{text}\" (expected 1/0, true/false, yes/no or 是/否)",
        "是否值“{text}”无效（应为1/0、true/false、yes/no或是/否）")
    public static let integerInvalid = ReasonCode(805, "integerInvalid",
        "invalid whole number \"{text}\"",
        "整数“{text}”无效")

    /// Every code of this group, in number order.
    static let input: [ReasonCode] = [
        dateInvalid, valueRequired, duplicateInFile, booleanInvalid, integerInvalid,
    ]
}
