import Foundation
import GRDB
import HuzhuCore

/// A tiny, hand-built programme for tests: two districts, two grassroots
/// units, five members, two plans — small enough to check every figure by hand.
///
/// ```
/// FED 市总工会
/// ├── BH 包河区 ── BH001 包河燃气站 (4 employees in 2026): 王一 ♂1980, 李二 ♀1985 hardship, 张三 ♂1990
/// └── LY 庐阳区 ── LY001 庐阳小学 (2 employees in 2026):   赵四 ♀1975, 钱五 ♂1970
/// ACC 意外伤害 26.00 yuan, term "2026" 2026-07-01 … 2027-06-30, group rule: 50%, everyone in units under 3
/// FEM 女职工特殊疾病 25.00 yuan, women only, term "2026"
/// ```
/// The business date is 2026-09-30.
public enum TinyCity {
    public static let today = CivilDate(year: 2026, month: 9, day: 30)!

    /// A valid 18-character resident ID (the check character computed).
    public static func residentID(area: String = "340104", birth: String, sequence: Int) -> String {
        let body = area + birth + String(format: "%03d", sequence)
        let digits = body.compactMap { $0.wholeNumberValue }
        return body + String(ResidentID.checkCharacter(for: digits))
    }

    public static let wang = residentID(birth: "19800101", sequence: 11)   // male
    public static let li = residentID(birth: "19850505", sequence: 22)     // female, hardship
    public static let zhang = residentID(birth: "19900303", sequence: 33)  // male
    public static let zhao = residentID(area: "340103", birth: "19750707", sequence: 44) // female
    public static let qian = residentID(area: "340103", birth: "19700808", sequence: 55) // male

    /// A context for the fixture's writes.
    public static func context(operator name: String = "tester") -> WriteContext {
        WriteContext(operator: name, today: today)
    }

    /// Creates the city in a new database file at `path`.
    @discardableResult
    public static func make(path: String) throws -> HuzhuDatabase {
        let database = try HuzhuDatabase(path: path)
        try fill(database)
        return database
    }

    /// Fills an empty, migrated database with the city.
    public static func fill(_ database: HuzhuDatabase) throws {
        let services = Services()
        let context = self.context(operator: "fixture")
        try database.write { db in
            try services.units.createOffice(db, Office(code: "OFF", name: "市总保险办", kind: .office), context: context)
            _ = try services.units.create(db, UnitDraft(code: "FED", name: "市总工会", kind: .federation, parentCode: nil, officeCode: "OFF"), context: context)
            _ = try services.units.create(db, UnitDraft(code: "BH", name: "包河区", kind: .district, parentCode: "FED"), context: context)
            _ = try services.units.create(db, UnitDraft(code: "LY", name: "庐阳区", kind: .district, parentCode: "FED"), context: context)
            _ = try services.units.create(db, UnitDraft(code: "BH001", name: "包河燃气站", kind: .grassroots, parentCode: "BH"), context: context)
            _ = try services.units.create(db, UnitDraft(code: "LY001", name: "庐阳小学", kind: .grassroots, parentCode: "LY"), context: context)
            try services.units.setHeadcount(db, unitCode: "BH001", year: 2026, employees: 4, context: context)
            try services.units.setHeadcount(db, unitCode: "LY001", year: 2026, employees: 2, context: context)
            let joined = CivilDate(year: 2020, month: 1, day: 1)!
            for (id, name, unit, hardship) in [(wang, "王一", "BH001", false), (li, "李二", "BH001", true), (zhang, "张三", "BH001", false),
                                               (zhao, "赵四", "LY001", false), (qian, "钱五", "LY001", false)] {
                _ = try services.members.register(db, MemberDraft(residentID: id, name: name, unitCode: unit, hardship: hardship, joinedOn: joined), context: context)
            }
            let plans = [
                Plan(code: "ACC", name: "意外伤害", kind: .accident, pricePerShare: Money(fen: 2600),
                     groupRule: GroupRule(minimumPercent: 50, smallUnitThreshold: 3)),
                Plan(code: "FEM", name: "女职工特殊疾病", kind: .femaleDisease, pricePerShare: Money(fen: 2500),
                     gender: .female, waitingPeriodDays: 90),
            ]
            for plan in plans {
                _ = try services.plans.create(db, plan, context: context)
                _ = try services.plans.addTerm(db, planCode: plan.code, label: "2026", start: CivilDate(year: 2026, month: 7, day: 1)!,
                                               years: 1, rules: plan.rules, context: context)
            }
        }
    }
}

/// A temporary folder removed on release.
public final class TemporaryDirectory {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
