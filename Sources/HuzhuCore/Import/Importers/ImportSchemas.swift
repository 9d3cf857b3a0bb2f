/// The columns of the three import files, English and Chinese headers.
///
/// | file | columns (required in bold) |
/// |---|---|
/// | offices | **code/代码**, **name/名称**, **kind/类型** (office/办事处, agency/代办处), parent/上级 |
/// | units | **code/代码**, **name/名称**, **kind/类型**, parent/上级, office/办事处, employees/职工人数, year/年度 |
/// | headcounts | **unit/单位**, **year/年度**, **employees/职工人数** |
/// | members | **resident_id/身份证号**, **name/姓名**, **unit/单位**, phone/电话, hardship/困难职工, joined_on/入会日期, bank/开户行, account/银行账号 (the payee bank account; both or neither) |
/// | policies | **resident_id/身份证号**, **plan/计划**, **shares/份数**, term/期次 |
/// | targets | **unit/单位**, **year/年度**, **members/参保人数**, **contributions/缴费金额** (yuan), plan/计划 |
/// | member-changes | **resident_id/身份证号**, **change/变更**, date/日期, unit/单位, name/姓名, phone/电话, hardship/困难职工 |
/// | receipts | **date/日期**, **payer/缴款单位** (a unit's code or name), **amount/金额** (yuan), **reference/流水号** |
/// | claims | policy/保单号, resident_id/身份证号, plan/计划, **kind/出险类型**, **incident_date/出险日期**, admission_date/入院日期, discharge_date/出院日期, settlement_date/结算日期, total/医疗费用总额, insurance_paid/统筹支付, self_paid/个人自付 (yuan), documents/材料, diagnosis/诊断, benefit_item/给付项目, reported_on/报案日期, note/备注 |
///
/// Members files also accept, and ignore, the columns a members export adds
/// (`gender/性别`, `birth_date/出生日期`, `status/状态`): gender and birth
/// date come from the resident ID, and imported members are active.
/// Every file accepts and ignores a `reason` column, so a corrected rejects
/// file can be imported again.
public enum ImportSchemas {
    /// `code,name,kind,parent`: kind `office`/`agency` or 办事处/代办处; parent an office's code.
    public static let offices = CSVSchema([
        .required("code", "代码", "办事处代码"),
        .required("name", "名称", "办事处名称"),
        .required("kind", "类型"),
        .optional("parent", "上级", "上级办事处"),
    ])

    /// `unit,year,employees`: a unit's number of employees in a year.
    public static let headcounts = CSVSchema([
        .required("unit", "单位", "单位代码"),
        .required("year", "年度"),
        .required("employees", "职工人数", "人数"),
    ])

    /// `code,name,kind,parent,office,employees,year`.
    public static let units = CSVSchema([
        .required("code", "代码", "单位代码"),
        .required("name", "名称", "单位名称"),
        .required("kind", "类型", "单位类型"),
        .optional("parent", "上级", "上级单位"),
        .optional("office", "办事处"),
        .optional("employees", "职工人数"),
        .optional("year", "年度"),
    ])

    /// `resident_id,name,unit,phone,hardship,joined_on`.
    public static let members = CSVSchema([
        .required("resident_id", "身份证号", "身份证号码"),
        .required("name", "姓名"),
        .required("unit", "单位", "单位代码"),
        .optional("phone", "电话", "手机", "联系电话"),
        .optional("hardship", "困难职工"),
        .optional("joined_on", "入会日期"),
        .optional("bank", "开户行", "开户银行"),
        .optional("account", "银行账号", "账号", "卡号"),
    ], ignoring: [RejectsWriter.defaultReasonColumn, "gender", "性别", "birth_date", "出生日期", "status", "状态"])

    /// `resident_id,plan,shares,term`.
    public static let policies = CSVSchema([
        .required("resident_id", "身份证号", "身份证号码"),
        .required("plan", "计划", "计划代码"),
        .required("shares", "份数"),
        .optional("term", "期次"),
    ])

    /// `unit,year,members,contributions,plan`; contributions in yuan, like every money column in files.
    public static let targets = CSVSchema([
        .required("unit", "单位", "单位代码"),
        .required("year", "年度"),
        .required("members", "参保人数", "目标人数", "人数"),
        .required("contributions", "缴费金额", "目标金额", "金额"),
        .optional("plan", "计划", "计划代码"),
    ])

    /// `resident_id,change,date,unit,name,phone,hardship`: one life event of a member per row.
    public static let memberChanges = CSVSchema([
        .required("resident_id", "身份证号", "身份证号码"),
        .required("change", "变更", "变更类型"),
        .optional("date", "日期", "生效日期"),
        .optional("unit", "单位", "单位代码", "调入单位"),
        .optional("name", "姓名"),
        .optional("phone", "电话", "手机", "联系电话"),
        .optional("hardship", "困难职工"),
    ])
    /// The claims an office collects: the policy, or the member and plan; money in yuan; documents separated by `;` `、` `|`.
    public static let claims = CSVSchema([
        .optional("policy", "保单号", "保单"),
        .optional("resident_id", "身份证号", "身份证号码"),
        .optional("plan", "计划", "计划代码"),
        .required("kind", "出险类型", "案件类型", "类型"),
        .required("incident_date", "出险日期"),
        .optional("admission_date", "入院日期"),
        .optional("discharge_date", "出院日期"),
        .optional("settlement_date", "结算日期"),
        .optional("total", "医疗费用总额", "费用总额"),
        .optional("insurance_paid", "统筹支付", "医保支付"),
        .optional("self_paid", "个人自付", "自付"),
        .optional("documents", "材料", "理赔材料"),
        .optional("diagnosis", "诊断"),
        .optional("benefit_item", "给付项目"),
        .optional("reported_on", "报案日期"),
        .optional("note", "备注"),
    ], ignoring: [RejectsWriter.defaultReasonColumn])

    /// A bank statement: `date,payer,amount,reference`; the payer a unit's code or name, the amount in yuan.
    public static let receipts = CSVSchema([
        .required("date", "日期", "交易日期", "入账日期"),
        .required("payer", "缴款单位", "付款单位", "对方户名", "付款人"),
        .required("amount", "金额", "交易金额", "收入金额"),
        .required("reference", "流水号", "交易流水号", "参考号"),
    ], ignoring: [RejectsWriter.defaultReasonColumn])
}
