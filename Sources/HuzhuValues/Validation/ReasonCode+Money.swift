extension ReasonCode {
    // MARK: - Money (7xx).

    public static let amountInvalid = ReasonCode(701, "amountInvalid",
        "invalid amount \"{text}\" (expected yuan such as 12, 12.3 or 12.34)",
        "金额“{text}”无效（应为元，如12、12.3或12.34）")
    public static let amountOverflow = ReasonCode(702, "amountOverflow",
        "amount out of range ({text})",
        "金额超出范围（{text}）")
    public static let ratioInvalid = ReasonCode(703, "ratioInvalid",
        "ratio has a zero denominator ({text})",
        "比例的分母为0（{text}）")
    public static let splitWeightsInvalid = ReasonCode(704, "splitWeightsInvalid",
        "split weights must be 0 or more with a sum above 0 ({text})",
        "分摊权重不能为负且总和须大于0（{text}）")
    public static let amountOutOfRange = ReasonCode(705, "amountOutOfRange",
        "amount {text} is out of range (from -100000000.00 to 100000000.00 yuan)",
        "金额{text}超出范围（-100000000.00至100000000.00元）")

    /// Every code of this group, in number order.
    static let money: [ReasonCode] = [
        amountInvalid, amountOverflow, ratioInvalid, splitWeightsInvalid, amountOutOfRange,
    ]
}
