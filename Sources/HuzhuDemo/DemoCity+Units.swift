import HuzhuCore

// MARK: - The unit tree

extension DemoCity {
    /// A union directly under the federation.
    public struct TopUnit: Sendable {
        /// Its code, e.g. `BH`.
        public var code: String
        /// Its name, e.g. 包河区总工会.
        public var name: String
        /// District, county, industry or enterprise.
        public var kind: UnitKind
        /// The office serving it and its units.
        public var officeCode: String
        /// Where its grassroots unions are (per mille of all of them).
        var unitShare: Int
        /// The most grassroots unions it has (an enterprise has a fixed set of workshops).
        var maximumUnits: Int
        /// The area codes of resident IDs registered in it (its own district's first).
        var areaCodes: [String]
        /// Women among its members, per mille.
        var femalePerMille: Int
    }

    /// The federation's code.
    public static let federationCode = "FED"

    /// The offices: the federation's own (市总保险办, 办事处) and two agency offices (代办处).
    public static let offices: [Office] = [
        Office(code: "HQ", name: "市总保险办", kind: .office),
        Office(code: "AG-FX", name: "肥西县代办处", kind: .agency),
        Office(code: "AG-KF", name: "开发区代办处", kind: .agency),
    ]

    /// The unions under the federation, in the order the participation table shows them.
    public static let topUnits: [TopUnit] = [
        TopUnit(code: "BH", name: "包河区总工会", kind: .district, officeCode: "HQ", unitShare: 150, maximumUnits: 999,
                areaCodes: ["340111", "340111", "340111", "340104"], femalePerMille: 470),
        TopUnit(code: "LY", name: "庐阳区总工会", kind: .district, officeCode: "HQ", unitShare: 120, maximumUnits: 999,
                areaCodes: ["340103", "340103", "340103", "340102"], femalePerMille: 480),
        TopUnit(code: "SS", name: "蜀山区总工会", kind: .district, officeCode: "HQ", unitShare: 140, maximumUnits: 999,
                areaCodes: ["340104", "340104", "340104", "340103"], femalePerMille: 470),
        TopUnit(code: "YH", name: "瑶海区总工会", kind: .district, officeCode: "HQ", unitShare: 110, maximumUnits: 999,
                areaCodes: ["340102", "340102", "340102", "340111"], femalePerMille: 440),
        TopUnit(code: "FX", name: "肥西县总工会", kind: .county, officeCode: "AG-FX", unitShare: 80, maximumUnits: 999,
                areaCodes: ["340123", "340123", "340123", "340100"], femalePerMille: 420),
        TopUnit(code: "JK", name: "经开区总工会", kind: .district, officeCode: "AG-KF", unitShare: 80, maximumUnits: 999,
                areaCodes: ["340111", "340123", "340104"], femalePerMille: 380),
        TopUnit(code: "GX", name: "高新区总工会", kind: .district, officeCode: "AG-KF", unitShare: 90, maximumUnits: 999,
                areaCodes: ["340104", "340104", "340123"], femalePerMille: 410),
        TopUnit(code: "GJ", name: "市工交工会", kind: .industry, officeCode: "HQ", unitShare: 70, maximumUnits: 999,
                areaCodes: ["340102", "340103", "340104", "340111"], femalePerMille: 300),
        TopUnit(code: "WJ", name: "市文教工会", kind: .industry, officeCode: "HQ", unitShare: 80, maximumUnits: 999,
                areaCodes: ["340102", "340103", "340104", "340111"], femalePerMille: 650),
        TopUnit(code: "CM", name: "市财贸工会", kind: .industry, officeCode: "HQ", unitShare: 60, maximumUnits: 999,
                areaCodes: ["340102", "340103", "340104", "340111"], femalePerMille: 560),
        TopUnit(code: "RQ", name: "燃气集团工会", kind: .enterprise, officeCode: "HQ", unitShare: 12,
                maximumUnits: DemoNames.gasParts.count, areaCodes: ["340102", "340104", "340111"], femalePerMille: 330),
        TopUnit(code: "SF", name: "四方磷复肥公司工会", kind: .enterprise, officeCode: "AG-FX", unitShare: 8,
                maximumUnits: DemoNames.fertilizerParts.count, areaCodes: ["340123", "340123", "340104"],
                femalePerMille: 280),
    ]

    /// A grassroots union to create, with what it will do this year.
    struct Grassroots {
        /// Its code: the parent's code and a number, `BH007`.
        var code: String
        var name: String
        /// The index of its parent in ``DemoCity/topUnits``.
        var top: Int
        /// Its relative size, for sharing out the members.
        var weight: Int
        /// Employees who are not members, per mille of its active members.
        var nonMembersPerMille: Int
        /// Whether it enrolls this year at all (accident, at least).
        var enrolls: Bool
        /// Whether it also enrolls in inpatient medical, female disease, critical illness.
        var inpatient: Bool
        var femaleDisease: Bool
        var criticalIllness: Bool
    }

    /// The number of grassroots unions for a number of members: one per 125
    /// members, at least 36 and at most 2,000 (400 for the default 50,000).
    static func grassrootsCount(members: Int) -> Int {
        min(2_000, max(36, members / 125))
    }

    /// Draws the grassroots unions: how many under each parent, their names, sizes and plans.
    static func grassroots(count total: Int, random: inout SplitMix64) -> [Grassroots] {
        var units: [Grassroots] = []
        var names = Set<String>()
        for (top, parent) in topUnits.enumerated() {
            let count = min(parent.maximumUnits, max(2, (total * parent.unitShare + 500) / 1000))
            let digits = count >= 1000 ? 4 : 3
            for index in 1...count {
                // Draw until the name is new; after 40 draws number it (…车间十二分会), then fall back to the code.
                var name = ""
                for _ in 0..<40 {
                    name = unitName(parent: parent, index: index, random: &random)
                    if !names.contains(name) { break }
                }
                if names.contains(name) { name = String(name.dropLast(2)) + DemoNames.numeral(index % 99 + 1) + "分会" }
                if names.contains(name) { name = parent.name + "基层工会" + String(index) }
                names.insert(name)
                let size = random.index(weightedBy: [300, 320, 260, 120])
                let weight: Int
                switch size {
                case 0: weight = random.int(in: 8...29)
                case 1: weight = random.int(in: 30...99)
                case 2: weight = random.int(in: 100...399)
                default: weight = random.int(in: 400...1_500)
                }
                let enrolls = random.chance(perMille: 930)
                units.append(Grassroots(
                    code: parent.code + CivilDate.pad(index, digits), name: name, top: top, weight: weight,
                    nonMembersPerMille: enrolls ? random.int(in: 20...450) : random.int(in: 100...600),
                    enrolls: enrolls,
                    inpatient: enrolls && random.chance(perMille: 850),
                    femaleDisease: enrolls && random.chance(perMille: 700),
                    criticalIllness: enrolls && random.chance(perMille: 300)))
            }
        }
        return units
    }

    /// A plausible name for a grassroots union under a parent (may repeat; the caller draws again).
    static func unitName(parent: TopUnit, index: Int, random: inout SplitMix64) -> String {
        typealias N = DemoNames
        switch parent.code {
        case "GJ":
            return random.pick(N.transportCompanies) + random.pick(N.transportParts) + "工会"
        case "WJ":
            switch random.index(weightedBy: [30, 25, 15, 10, 20]) {
            case 0: return "合肥市第" + N.numeral(random.int(in: 1...80)) + "中学工会"
            case 1: return "合肥市" + random.pick(N.schoolPlaces) + "小学工会"
            case 2: return "合肥市" + random.pick(N.schoolPlaces) + "幼儿园工会"
            case 3: return "合肥市第" + N.numeral(random.int(in: 1...8)) + "人民医院工会"
            default: return random.pick(N.institutions) + "工会"
            }
        case "CM":
            switch random.index(weightedBy: [50, 30, 20]) {
            case 0: return random.pick(N.banks) + "合肥" + random.pick(N.branchPlaces) + "支行工会"
            case 1: return random.pick(N.retailers) + random.pick(N.branchPlaces) + "店工会"
            default: return random.pick(N.tradingCompanies) + "工会"
            }
        case "RQ":
            return "燃气集团" + N.gasParts[(index - 1) % N.gasParts.count] + "工会"
        case "SF":
            return "四方磷复肥公司" + N.fertilizerParts[(index - 1) % N.fertilizerParts.count] + "工会"
        default:
            let district = String(parent.name.prefix(3))        // 包河区, 肥西县
            let places = N.places[parent.code] ?? N.schoolPlaces
            let suffix = parent.kind == .county ? "镇" : "街道"
            switch random.index(weightedBy: [45, 8, 8, 14, 25]) {
            case 0: return "合肥" + random.pick(N.brands) + random.pick(N.trades) + "有限公司工会"
            case 1: return district + random.pick(places) + suffix + "工会"
            case 2: return random.pick(places) + suffix + (parent.kind == .county ? "卫生院工会" : "社区卫生服务中心工会")
            case 3: return "合肥市" + random.pick(places) + random.pick(["小学", "中学", "幼儿园"]) + "工会"
            default: return random.pick(N.cityCompanies) + district.dropLast() + "分公司工会"
            }
        }
    }
}
