/// Every reason the core refuses an input, each with a stable number that
/// is never reused and a message template in English and in Chinese.
///
/// Numbers are grouped by hundreds: 1xx identity and phone, 2xx units and
/// offices, 3xx members, 4xx plans and terms, 5xx policies and enrollment,
/// 6xx claims (601–649 refused input, 651–699 the reasons a claim is
/// rejected, see ``ClaimRejectionReason``), 7xx money, 8xx general input
/// such as dates, 9xx the ledger. A retired reason keeps its number
/// forever; new reasons take new numbers.
///
/// Templates name their arguments in braces (`{plan}`); a
/// ``ValidationFailure`` fills them in.
///
/// ```swift
/// ReasonCode.policyOverlap.rawValue        // 503
/// ReasonCode.policyOverlap.label           // "E503"
/// ReasonCode.policyOverlap.template(.english)
/// // "already holds a policy in plan {plan} term {term} (overlap)"
/// ```
public enum ReasonCode: Int, CaseIterable, Sendable, Codable {
    // MARK: 1xx identity and phone
    case residentIDLength = 101
    case residentIDCharacter = 102
    case residentIDAreaCode = 103
    case residentIDBirthDate = 104
    case residentIDBirthDateInFuture = 105
    case residentIDBirthDateTooEarly = 106
    case residentIDCheckCharacter = 107
    case phoneInvalid = 111

    // MARK: 2xx units and offices
    case unitCodeInvalid = 201
    case unitCodeTaken = 202
    case nameInvalid = 203
    case unitParentUnknown = 204
    case unitCycle = 205
    case federationHasParent = 206
    case unitParentRequired = 207
    case unitUnknown = 208
    case officeUnknown = 209
    case officeCodeTaken = 210
    case headcountInvalid = 211
    case headcountYearInvalid = 212
    case federationExists = 213
    case unitKindInvalid = 214
    case outOfScope = 250
    case federationOperation = 251
    case scopeRootOperation = 252

    // MARK: 3xx members
    case memberNameInvalid = 301
    case memberExists = 302
    case genderConflict = 303
    case birthDateConflict = 304
    case memberUnknown = 305
    case statusDateMissing = 306
    case statusDateUnexpected = 307
    case dateBeforeJoining = 308
    case dateInFuture = 309
    case joinedBeforeBirth = 310

    // MARK: 4xx plans and terms
    case planCodeInvalid = 401
    case planCodeTaken = 402
    case priceInvalid = 404
    case maxSharesInvalid = 405
    case ageRangeInvalid = 406
    case waitingPeriodInvalid = 407
    case accidentWaitingPeriod = 408
    case deductibleInvalid = 409
    case paymentRatioInvalid = 410
    case capInvalid = 411
    case capsInconsistent = 412
    case benefitItemInvalid = 413
    case benefitItemDuplicate = 414
    case windowInvalid = 415
    case lapseBeforeReport = 416
    case groupMinimumInvalid = 417
    case groupThresholdInvalid = 418
    case planUnknown = 419
    case termLength = 421
    case termOverlap = 422
    case termLabelTaken = 423
    case termUnknown = 424
    case noOpenTerm = 425
    case termLabelInvalid = 426

    // MARK: 5xx policies and enrollment
    case memberNotActive = 501
    case sharesOutOfRange = 502
    case policyOverlap = 503
    case exclusivePlanHeld = 504
    case ageIneligible = 505
    case genderIneligible = 506
    case splitSumMismatch = 507
    case splitNegative = 508
    case policyUnknown = 509
    case policyNotActive = 510
    case groupMinimumShare = 511
    case groupEveryone = 512
    case headcountMissing = 513
    case termEnded = 514

    // MARK: 6xx claims: refused input
    case claimUnknown = 601
    case claimTransition = 602
    case claimAlreadyPaid = 603
    case claimKindNotCovered = 604
    case claimDateOrder = 605
    case claimNoPolicy = 606
    case expensesInconsistent = 607
    case expenseNegative = 608
    case benefitItemUnknown = 609
    case benefitItemRequired = 610
    case claimDateAfterReport = 611
    case hospitalDatesRequired = 612
    case documentUnknown = 613
    case claimKindInvalid = 614
    case rejectionReasonInvalid = 615
    case claimStatusInvalid = 616
    case approvedAmountInvalid = 617
    case paymentAmountMismatch = 618
    case paymentMethodInvalid = 619
    case paymentBeforeApproval = 620
    case topUpNegative = 621
    case topUpRuleRequired = 622

    // MARK: 6xx claims: rejection reasons (ClaimRejectionReason shares these numbers)
    case notCovered = 651
    case waitingPeriod = 652
    case reportDeadline = 653
    case lapsed = 654
    case ineligible = 655
    case duplicateClaim = 656
    case documentsMissing = 657
    case overCap = 658
    case excludedCause = 659
    case otherReason = 660
    case belowDeductible = 661

    // MARK: 7xx money
    case amountInvalid = 701
    case amountOverflow = 702
    case ratioInvalid = 703
    case splitWeightsInvalid = 704

    // MARK: 8xx general input
    case dateInvalid = 801
    case valueRequired = 802
    case duplicateInFile = 803
    case booleanInvalid = 804
    case integerInvalid = 805

    // MARK: 9xx ledger
    case entryUnbalanced = 901
    case accountUnknown = 902
    case lineAmountInvalid = 903
    case contributionAlreadyPosted = 904
    case entryUnknown = 905
    case entryAlreadyReversed = 906
    case refundNeedsCancelledPolicy = 907
    case contributionNotPosted = 908
    case entryNotReversible = 909

    // MARK: 10xx rules
    case ruleName = 1001
    case subsidyBudgetExceeded = 1002
    case targetNegative = 1003
    case targetYearInvalid = 1004
    case appraisalLocked = 1005
    case ruleNotInForce = 1006
    case appraisalNoUnits = 1007
    case periodInvalid = 1008

    /// The code as shown to users: `"E"` and the number, e.g. `"E503"`.
    public var label: String { "E\(rawValue)" }

    /// The message template in a language, with `{name}` placeholders.
    ///
    /// - Parameter language: English or Chinese.
    /// - Returns: The template text.
    public func template(_ language: Language) -> String {
        let (english, chinese) = templates
        return language == .english ? english : chinese
    }

    // The templates, English first. Keep both in step: a test checks that
    // they use the same placeholders.
    private var templates: (String, String) {
        switch self {
        case .residentIDLength:
            return ("must be 18 characters (got {count})", "应为18位（实际{count}位）")
        case .residentIDCharacter:
            return ("unexpected character '{character}' at position {position}", "第{position}位字符“{character}”无效")
        case .residentIDAreaCode:
            return ("unknown area code {area}", "地区码{area}不存在")
        case .residentIDBirthDate:
            return ("invalid birth date ({date})", "出生日期无效（{date}）")
        case .residentIDBirthDateInFuture:
            return ("birth date {date} is in the future", "出生日期{date}晚于今天")
        case .residentIDBirthDateTooEarly:
            return ("birth date {date} is before {earliest}", "出生日期{date}早于{earliest}")
        case .residentIDCheckCharacter:
            return ("wrong check character (expected {expected}, got {actual})", "校验码错误（应为{expected}，实为{actual}）")
        case .phoneInvalid:
            return ("invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)",
                    "电话号码无效（应为手机号如13812345678或固定电话如0551-1234567）")

        case .unitCodeInvalid:
            return ("invalid code \"{code}\" (1–32 letters, digits, '-' or '_')", "代码“{code}”无效（应为1–32位字母、数字、“-”或“_”）")
        case .unitCodeTaken:
            return ("unit {code} already exists", "单位{code}已存在")
        case .nameInvalid:
            return ("name must be 1–100 characters (got {count})", "名称应为1–100个字符（实际{count}个）")
        case .unitParentUnknown:
            return ("parent unit {parent} does not exist", "上级单位{parent}不存在")
        case .unitCycle:
            return ("{parent} is inside the subtree of {code} (a cycle)", "{parent}是{code}的下级单位，不能成环")
        case .federationHasParent:
            return ("a federation has no parent unit (got {parent})", "市总工会不能有上级单位（实为{parent}）")
        case .unitParentRequired:
            return ("a {kind} unit needs a parent unit", "{kind}单位必须有上级单位")
        case .unitUnknown:
            return ("unknown unit {code}", "单位{code}不存在")
        case .officeUnknown:
            return ("unknown office {code}", "办事处{code}不存在")
        case .officeCodeTaken:
            return ("office {code} already exists", "办事处{code}已存在")
        case .headcountInvalid:
            return ("employee count must be 0 or more (got {count})", "职工人数不能为负（实为{count}）")
        case .headcountYearInvalid:
            return ("year {year} is out of range (1900–9999)", "年份{year}超出范围（1900–9999）")
        case .federationExists:
            return ("federation {existing} already exists; there is one root unit", "市总工会{existing}已存在，只能有一个顶级单位")
        case .unitKindInvalid:
            return ("unknown unit kind \"{text}\" (expected federation, district, county, industry, enterprise, grassroots, or 市总, 区, 县, 产业, 企业, 基层)",
                    "单位类型“{text}”无效（应为市总、区、县、产业、企业、基层，或federation、district、county、industry、enterprise、grassroots）")
        case .outOfScope:
            return ("unit {unit} is outside the scope {scope}", "单位{unit}不在当前范围{scope}内")
        case .federationOperation:
            return ("{operation} is a federation operation, refused in a run scoped to {scope}",
                    "{operation}属于市总工会的操作，限定于{scope}的运行不能办理")
        case .scopeRootOperation:
            return ("{operation} of the scope's own unit or a unit above it is for the unions above {scope}; a run scoped to {scope} may do it for units inside {scope} only",
                    "{scope}本级及以上单位的{operation}由上级工会办理；限定于{scope}的运行只能为{scope}下属单位办理")

        case .memberNameInvalid:
            return ("name must be 1–50 characters (got {count})", "姓名应为1–50个字符（实际{count}个）")
        case .memberExists:
            return ("already registered", "身份证号已登记")
        case .genderConflict:
            return ("gender {given} conflicts with the resident ID ({derived})", "性别{given}与身份证号（{derived}）不符")
        case .birthDateConflict:
            return ("birth date {given} conflicts with the resident ID ({derived})", "出生日期{given}与身份证号（{derived}）不符")
        case .memberUnknown:
            return ("no such member", "无此会员")
        case .statusDateMissing:
            return ("status {status} needs {field}", "状态{status}须填写{field}")
        case .statusDateUnexpected:
            return ("status {status} takes no {field}", "状态{status}不应填写{field}")
        case .dateBeforeJoining:
            return ("{date} is before the join date {joined}", "{date}早于入会日期{joined}")
        case .dateInFuture:
            return ("{date} is after today ({today})", "{date}晚于今天（{today}）")
        case .joinedBeforeBirth:
            return ("join date {date} is before the birth date {birth}", "入会日期{date}早于出生日期{birth}")

        case .planCodeInvalid:
            return ("invalid plan code \"{code}\" (1–32 letters, digits, '-' or '_')", "计划代码“{code}”无效（应为1–32位字母、数字、“-”或“_”）")
        case .planCodeTaken:
            return ("plan {code} already exists", "计划{code}已存在")
        case .priceInvalid:
            return ("price per share must be more than 0 (got {amount})", "每份价格必须大于0（实为{amount}）")
        case .maxSharesInvalid:
            return ("maximum shares must be 1 or more (got {count})", "最高份数至少为1（实为{count}）")
        case .ageRangeInvalid:
            return ("age range {min}–{max} is invalid", "年龄范围{min}–{max}无效")
        case .waitingPeriodInvalid:
            return ("waiting period must be 0 days or more (got {days})", "等待期不能为负（实为{days}天）")
        case .accidentWaitingPeriod:
            return ("an accident plan has no waiting period (got {days} days)", "意外伤害计划不设等待期（实为{days}天）")
        case .deductibleInvalid:
            return ("deductible must be 0 or more (got {amount})", "免赔额不能为负（实为{amount}）")
        case .paymentRatioInvalid:
            return ("payment ratio must be 0–10000 basis points (got {ratio})", "赔付比例应为0–10000个基点（实为{ratio}）")
        case .capInvalid:
            return ("{cap} must be more than 0 (got {amount})", "{cap}必须大于0（实为{amount}）")
        case .capsInconsistent:
            return ("per-claim cap {claim} exceeds the per-term cap {term}", "单次限额{claim}超过保障期限额{term}")
        case .benefitItemInvalid:
            return ("benefit item \"{item}\" needs a code, a name and an amount more than 0", "给付项目“{item}”须有代码、名称和大于0的金额")
        case .benefitItemDuplicate:
            return ("benefit item {item} appears more than once", "给付项目{item}重复")
        case .windowInvalid:
            return ("{window} must be 1 day or more (got {days})", "{window}至少为1天（实为{days}天）")
        case .lapseBeforeReport:
            return ("lapse window ({lapse} days) is shorter than the report window ({report} days)", "失效期限（{lapse}天）短于报案期限（{report}天）")
        case .groupMinimumInvalid:
            return ("group minimum must be 1–100 percent (got {percent})", "集体参保最低比例应为1–100%（实为{percent}）")
        case .groupThresholdInvalid:
            return ("small-unit threshold must be 0 or more (got {count})", "小单位人数界限不能为负（实为{count}）")
        case .planUnknown:
            return ("unknown plan {code}", "计划{code}不存在")
        case .termLength:
            return ("a term runs 1, 2 or 3 whole years ({start} to {end} does not)", "保障期应为整1、2或3年（{start}至{end}不是）")
        case .termOverlap:
            return ("overlaps term {other} ({otherStart} to {otherEnd})", "与保障期{other}（{otherStart}至{otherEnd}）重叠")
        case .termLabelTaken:
            return ("plan {plan} already has a term {term}", "计划{plan}已有保障期{term}")
        case .termUnknown:
            return ("plan {plan} has no term {term}", "计划{plan}无保障期{term}")
        case .noOpenTerm:
            return ("plan {plan} has no term open on {date}", "计划{plan}在{date}没有可参保的保障期")
        case .termLabelInvalid:
            return ("term label must be 1–20 characters (got {count})", "保障期名称应为1–20个字符（实际{count}个）")

        case .memberNotActive:
            return ("member is {status}, not active", "会员状态为{status}，不是在职")
        case .sharesOutOfRange:
            return ("shares must be 1–{max} (got {shares})", "份数应为1–{max}（实为{shares}）")
        case .policyOverlap:
            return ("already holds a policy in plan {plan} term {term} (overlap)", "已参保计划{plan}保障期{term}（重复参保）")
        case .exclusivePlanHeld:
            return ("already holds plan {other} term {otherTerm}, which excludes {plan} (group {group})",
                    "已参保计划{other}保障期{otherTerm}，与{plan}互斥（{group}）")
        case .ageIneligible:
            return ("age {age} on {start} is outside the plan's range {range}", "{start}时年龄{age}岁，不在计划年龄范围{range}内")
        case .genderIneligible:
            return ("plan {plan} is for {gender} members only", "计划{plan}仅限{gender}会员")
        case .splitSumMismatch:
            return ("split {administration} + {union} + {member} = {sum} does not equal the contribution {contribution}",
                    "分担额{administration} + {union} + {member} = {sum}，不等于缴费额{contribution}")
        case .splitNegative:
            return ("{part} share of the split is negative ({amount})", "分担额中{part}部分为负（{amount}）")
        case .policyUnknown:
            return ("no such policy {id}", "保单{id}不存在")
        case .policyNotActive:
            return ("policy is {status}, not active", "保单状态为{status}，不是有效")
        case .groupMinimumShare:
            return ("{enrolled} of {employees} employees would be enrolled in {plan} term {term} ({percent}%); the plan needs at least {minimum}%",
                    "{plan}保障期{term}参保{enrolled}人，职工{employees}人（{percent}%）；计划要求至少{minimum}%")
        case .groupEveryone:
            return ("a unit of {employees} employees (under {threshold}) enrolls everyone in {plan} term {term}; {enrolled} would be enrolled",
                    "职工{employees}人（不足{threshold}人）的单位须全员参保{plan}保障期{term}，实际参保{enrolled}人")
        case .headcountMissing:
            return ("no employee count for {year}", "无{year}年职工人数")
        case .termEnded:
            return ("term {term} ended on {end}", "保障期{term}已于{end}结束")

        case .claimUnknown:
            return ("no such claim {id}", "理赔案件{id}不存在")
        case .claimTransition:
            return ("cannot {action}: the claim is {status}, not {required}", "不能{action}：案件状态为{status}，不是{required}")
        case .claimAlreadyPaid:
            return ("already paid {amount} on {date}; a claim is paid once", "已于{date}赔付{amount}，不能重复赔付")
        case .claimKindNotCovered:
            return ("plan {plan} ({planKind}) takes no {kind} claims (expected {kinds})",
                    "计划{plan}（{planKind}）不受理{kind}类案件（应为{kinds}）")
        case .claimDateOrder:
            return ("{field} {date} is before {other} {otherDate}", "{field}{date}早于{other}{otherDate}")
        case .claimNoPolicy:
            return ("holds no policy of plan {plan} covering {date}", "{date}无计划{plan}的保单")
        case .expensesInconsistent:
            return ("insurance {insurance} + self-paid {selfPaid} = {sum} does not equal the total {total}",
                    "统筹支付{insurance} + 个人自付{selfPaid} = {sum}，不等于费用总额{total}")
        case .expenseNegative:
            return ("{field} must be 0 or more (got {amount})", "{field}不能为负（实为{amount}）")
        case .benefitItemUnknown:
            return ("plan {plan} has no benefit item {item}", "计划{plan}无给付项目{item}")
        case .benefitItemRequired:
            return ("plan {plan} pays fixed sums; name one of its items ({items})", "计划{plan}按定额给付，须指定给付项目（{items}）")
        case .claimDateAfterReport:
            return ("{field} {date} is after the report date {reported}", "{field}{date}晚于报案日期{reported}")
        case .hospitalDatesRequired:
            return ("{kind} claims under plan {plan} need admission and discharge dates", "计划{plan}的{kind}类案件须填写入院和出院日期")
        case .documentUnknown:
            return ("unknown document \"{text}\" (expected one of {expected})", "材料“{text}”无效（应为{expected}之一）")
        case .claimKindInvalid:
            return ("unknown claim kind \"{text}\" (expected one of {expected})", "案件类型“{text}”无效（应为{expected}之一）")
        case .rejectionReasonInvalid:
            return ("unknown rejection reason \"{text}\" (expected one of {expected})", "拒赔原因“{text}”无效（应为{expected}之一）")
        case .claimStatusInvalid:
            return ("unknown claim status \"{text}\" (expected one of {expected})", "案件状态“{text}”无效（应为{expected}之一）")
        case .approvedAmountInvalid:
            return ("approved amount {amount} must be more than 0.00 and at most the benefit {benefit}",
                    "核定金额{amount}须大于0.00且不超过给付额{benefit}")
        case .paymentAmountMismatch:
            return ("payment {amount} differs from the approved amount {approved}", "赔付金额{amount}与核定金额{approved}不符")
        case .paymentMethodInvalid:
            return ("unknown payment method \"{text}\" (expected one of {expected})", "支付方式“{text}”无效（应为{expected}之一）")
        case .paymentBeforeApproval:
            return ("payment date {date} is before the approval on {approved}", "赔付日期{date}早于核定日期{approved}")
        case .topUpNegative:
            return ("rule {rule} proposes {amount}; a benefit is 0.00 or more", "规则{rule}提出的给付额{amount}为负")
        case .topUpRuleRequired:
            return ("a proposed amount needs its rule's name and version hash", "规则提出的给付额须注明规则名称和版本哈希")

        case .notCovered:
            return ("incident on {date} is outside the cover of policy {policy} ({start} to {end})",
                    "出险日期{date}不在保单{policy}的保障期（{start}至{end}）内")
        case .waitingPeriod:
            return ("incident on {date} is in the waiting period ({days} days from {start}; covered from {covered})",
                    "出险日期{date}在等待期内（自{start}起{days}天，{covered}起承担责任）")
        case .reportDeadline:
            return ("reported on {reported}, after the report deadline {deadline} ({window} days from {from})",
                    "报案日期{reported}晚于报案期限{deadline}（{from}起{window}天）")
        case .lapsed:
            return ("reported on {reported}, after the claim lapsed on {deadline} ({window} days from {from})",
                    "报案日期{reported}晚于索赔时效截止日{deadline}（{from}起{window}天）")
        case .ineligible:
            return ("policy {policy} is {status}", "保单{policy}状态为{status}")
        case .duplicateClaim:
            return ("duplicates claim {other} (same policy, kind and incident date)", "与案件{other}重复（同一保单、类型和出险日期）")
        case .documentsMissing:
            return ("documents missing: {documents}", "缺少材料：{documents}")
        case .overCap:
            return ("the per-term cap {limit} is used up ({used} approved or paid in term {term})",
                    "保障期{term}限额{limit}已用完（已核定或赔付{used}）")
        case .excludedCause:
            return ("excluded cause", "除外责任")
        case .otherReason:
            return ("other reason", "其他原因")
        case .belowDeductible:
            return ("expenses {base} do not exceed the deductible {deductible}", "费用{base}未超过免赔额{deductible}")

        case .amountInvalid:
            return ("invalid amount \"{text}\" (expected yuan such as 12, 12.3 or 12.34)", "金额“{text}”无效（应为元，如12、12.3或12.34）")
        case .amountOverflow:
            return ("amount out of range ({text})", "金额超出范围（{text}）")
        case .ratioInvalid:
            return ("ratio has a zero denominator ({text})", "比例的分母为0（{text}）")
        case .splitWeightsInvalid:
            return ("split weights must be 0 or more with a sum above 0 ({text})", "分摊权重不能为负且总和须大于0（{text}）")

        case .dateInvalid:
            return ("invalid date \"{text}\" (expected YYYY-MM-DD)", "日期“{text}”无效（应为YYYY-MM-DD）")
        case .valueRequired:
            return ("a value is required", "不能为空")
        case .duplicateInFile:
            return ("duplicate {key}, first at line {line}", "{key}重复，首次出现在第{line}行")
        case .booleanInvalid:
            return ("invalid yes/no value \"{text}\" (expected 1/0, true/false, yes/no or 是/否)", "是否值“{text}”无效（应为1/0、true/false、yes/no或是/否）")
        case .integerInvalid:
            return ("invalid whole number \"{text}\"", "整数“{text}”无效")

        case .entryUnbalanced:
            return ("entry does not balance: debits {debits}, credits {credits}", "分录借贷不平：借方{debits}，贷方{credits}")
        case .accountUnknown:
            return ("unknown account \"{text}\" (expected one of {expected})", "科目“{text}”无效（应为{expected}之一）")
        case .lineAmountInvalid:
            return ("a line's amount must be more than 0.00 (got {amount})", "分录金额须大于0.00（实为{amount}）")
        case .contributionAlreadyPosted:
            return ("the contribution of policy {policy} is already posted (entry {entry})", "保单{policy}的缴费已入账（分录{entry}）")
        case .entryUnknown:
            return ("no such ledger entry {id}", "分录{id}不存在")
        case .entryAlreadyReversed:
            return ("entry {id} was already reversed by entry {by}", "分录{id}已由分录{by}冲销")
        case .refundNeedsCancelledPolicy:
            return ("policy {policy} is {status}; only a cancelled policy's contribution is refunded",
                    "保单{policy}状态为{status}；只有已退保的保单才能退费")
        case .contributionNotPosted:
            return ("policy {policy} has no contribution posted", "保单{policy}的缴费尚未入账")
        case .entryNotReversible:
            return ("entry {id} is a {kind} entry and cannot be reversed (only contributions are)",
                    "分录{id}是{kind}分录，不能冲销（只能冲销缴费分录）")

        case .ruleName:
            return ("rule name \"{name}\" must be lower-case letters, digits and _, starting with a letter",
                    "规则名“{name}”只能由小写字母、数字和下划线组成，并以字母开头")
        case .subsidyBudgetExceeded:
            return ("union share {union} exceeds the unit's remaining subsidy budget {remaining}",
                    "工会承担 {union} 超过本单位剩余补助预算 {remaining}")
        case .targetNegative:
            return ("the {what} target must be 0 or more (got {value})", "{what}目标不能为负（实为{value}）")
        case .targetYearInvalid:
            return ("year {year} is out of range 1900-9999", "年度{year}超出范围1900-9999")
        case .appraisalLocked:
            return ("the final appraisal of {level} units for {year} was confirmed on {date} by {operator} and is locked",
                    "{year}年度{level}单位年终总评已于{date}由{operator}确认，不能再改")
        case .ruleNotInForce:
            return ("no {name} rule is in force on {date} (activate one: huzhu rules activate {name} FILE --from DATE)",
                    "{date}没有生效的{name}规则（请先启用：huzhu rules activate {name} FILE --from DATE）")
        case .appraisalNoUnits:
            return ("there are no {level} units to appraise", "没有可考核的{level}单位")
        case .periodInvalid:
            return ("the period ends on {to}, before it starts on {from}", "统计期截止日{to}早于起始日{from}")
        }
    }
}

/// The language of a message.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// English.
    case english = "en"
    /// Simplified Chinese.
    case chinese = "zh"
}
