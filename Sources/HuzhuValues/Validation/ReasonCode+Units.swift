extension ReasonCode {
    // MARK: - Units, offices, headcounts and scope (2xx).

    public static let unitCodeInvalid = ReasonCode(201, "unitCodeInvalid",
        "invalid code \"{code}\" (1–32 letters, digits, '-' or '_')",
        "代码“{code}”无效（应为1–32位字母、数字、“-”或“_”）")
    public static let unitCodeTaken = ReasonCode(202, "unitCodeTaken",
        "unit {code} already exists",
        "单位{code}已存在")
    public static let nameInvalid = ReasonCode(203, "nameInvalid",
        "name must be 1–100 characters (got {count})",
        "名称应为1–100个字符（实际{count}个）")
    public static let unitParentUnknown = ReasonCode(204, "unitParentUnknown",
        "parent unit {parent} does not exist",
        "上级单位{parent}不存在")
    public static let unitCycle = ReasonCode(205, "unitCycle",
        "{parent} is inside the subtree of {code} (a cycle)",
        "{parent}是{code}的下级单位，不能成环")
    public static let federationHasParent = ReasonCode(206, "federationHasParent",
        "a federation has no parent unit (got {parent})",
        "市总工会不能有上级单位（实为{parent}）")
    public static let unitParentRequired = ReasonCode(207, "unitParentRequired",
        "a {kind} unit needs a parent unit",
        "{kind}单位必须有上级单位")
    public static let unitUnknown = ReasonCode(208, "unitUnknown",
        "unknown unit {code}",
        "单位{code}不存在")
    public static let officeUnknown = ReasonCode(209, "officeUnknown",
        "unknown office {code}",
        "办事处{code}不存在")
    public static let officeCodeTaken = ReasonCode(210, "officeCodeTaken",
        "office {code} already exists",
        "办事处{code}已存在")
    public static let headcountInvalid = ReasonCode(211, "headcountInvalid",
        "employee count must be 0 or more (got {count})",
        "职工人数不能为负（实为{count}）")
    public static let headcountYearInvalid = ReasonCode(212, "headcountYearInvalid",
        "year {year} is out of range (1900–9999)",
        "年份{year}超出范围（1900–9999）")
    public static let federationExists = ReasonCode(213, "federationExists",
        "federation {existing} already exists; there is one root unit",
        "市总工会{existing}已存在，只能有一个顶级单位")
    public static let unitKindInvalid = ReasonCode(214, "unitKindInvalid",
        "unknown unit kind \"{text}\" (expected federation, district, county, industry, enterprise, grassroots, or 市总, 区, 县, 产业, 企业, 基层)",
        "单位类型“{text}”无效（应为市总、区、县、产业、企业、基层，或federation、district、county、industry、enterprise、grassroots）")
    public static let officeKindInvalid = ReasonCode(215, "officeKindInvalid",
        "unknown office kind \"{text}\" (expected office, agency, or 办事处, 代办处)",
        "办事处类型“{text}”无效（应为办事处、代办处，或office、agency）")
    public static let officeCycle = ReasonCode(216, "officeCycle",
        "office {parent} cannot be the parent of {code} (a cycle)",
        "办事处{parent}不能作为{code}的上级，不能成环")
    public static let unitClosed = ReasonCode(217, "unitClosed",
        "unit {unit} closed on {date}: no new enrolments after it",
        "单位{unit}已于{date}撤销，此后不能新参保")
    public static let unitAlreadyClosed = ReasonCode(218, "unitAlreadyClosed",
        "unit {code} is already closed (on {date})",
        "单位{code}已撤销（{date}）")
    public static let outOfScope = ReasonCode(250, "outOfScope",
        "unit {unit} is outside the scope {scope}",
        "单位{unit}不在当前范围{scope}内")
    public static let federationOperation = ReasonCode(251, "federationOperation",
        "{operation} is a federation operation, refused in a run scoped to {scope}",
        "{operation}属于市总工会的操作，限定于{scope}的运行不能办理")
    public static let scopeRootOperation = ReasonCode(252, "scopeRootOperation",
        "{operation} of the scope's own unit or a unit above it is for the unions above {scope}; a run scoped to {scope} may do it for units inside {scope} only",
        "{scope}本级及以上单位的{operation}由上级工会办理；限定于{scope}的运行只能为{scope}下属单位办理")

    /// Every code of this group, in number order.
    static let units: [ReasonCode] = [
        unitCodeInvalid, unitCodeTaken, nameInvalid, unitParentUnknown, unitCycle,
        federationHasParent, unitParentRequired, unitUnknown, officeUnknown, officeCodeTaken,
        headcountInvalid, headcountYearInvalid, federationExists, unitKindInvalid, officeKindInvalid,
        officeCycle, unitClosed, unitAlreadyClosed, outOfScope,
        federationOperation, scopeRootOperation,
    ]
}
