import Foundation
import GRDB
@testable import HuzhuCore

/// Fixtures shared by the tests: dates, contexts, resident IDs and a small seeded city.
enum Fixture {
    /// The business date of most tests: shortly before the 2012 terms start on 07-01.
    static let today = date("2012-06-20")

    /// A fixed instant for audit timestamps: 2012-06-20T01:02:03.456Z.
    static let instant = Date(timeIntervalSince1970: 1_340_154_123.456)

    static func date(_ text: String) -> CivilDate {
        try! CivilDate(parsing: text)
    }

    static func context(operator name: String = "clerk", script: String? = nil, hash: String? = nil,
                        today: CivilDate = Fixture.today) -> WriteContext {
        WriteContext(operator: name, scriptName: script, scriptSHA256: hash, today: today, clock: { Fixture.instant })
    }

    /// A valid resident ID for an area, birth date (YYYYMMDD) and 3-digit sequence
    /// (odd for men, even for women).
    static func residentID(area: String = "340104", birth: String, sequence: Int) -> String {
        let body = area + birth + String(format: "%03d", sequence)
        let digits = body.compactMap { Int(String($0)) }
        return body + String(ResidentID.checkCharacter(for: digits))
    }

    /// A fresh in-memory database with offices, units and plans:
    ///
    ///     FED 市总工会
    ///     ├── BH 包河区 ── BH001 (headcount 2012: 10), BH002 (2012: 4)
    ///     └── LY 庐阳区 ── LY001
    ///
    /// Plans: ACC accident (26 yuan, 4 shares, ages 16–60, group rule 50% / under 5
    /// everyone), CIA and CIB critical illness (exclusive group "CI", 3-year terms),
    /// FEM female disease (female only, 2-year term), each with a term labelled "2012"
    /// starting 2012-07-01.
    static func city(in given: HuzhuDatabase? = nil) throws -> HuzhuDatabase {
        let database = try given ?? HuzhuDatabase.inMemory()
        let context = Fixture.context(operator: "seed")
        let units = UnitService()
        let plans = PlanService()
        try database.write { db in
            try units.createOffice(db, Office(code: "HQ", name: "市总保险办", kind: .office), context: context)
            try units.create(db, UnitDraft(code: "FED", name: "市总工会", kind: .federation, parentCode: nil,
                                           officeCode: "HQ"), context: context)
            try units.create(db, UnitDraft(code: "BH", name: "包河区总工会", kind: .district, parentCode: "FED"),
                             context: context)
            try units.create(db, UnitDraft(code: "LY", name: "庐阳区总工会", kind: .district, parentCode: "FED"),
                             context: context)
            try units.create(db, UnitDraft(code: "BH001", name: "燃气集团工会", kind: .grassroots, parentCode: "BH"),
                             context: context)
            try units.create(db, UnitDraft(code: "BH002", name: "包河小学工会", kind: .grassroots, parentCode: "BH"),
                             context: context)
            try units.create(db, UnitDraft(code: "LY001", name: "庐阳医院工会", kind: .grassroots, parentCode: "LY"),
                             context: context)
            try units.setHeadcount(db, unitCode: "BH001", year: 2012, employees: 10, context: context)
            try units.setHeadcount(db, unitCode: "BH002", year: 2012, employees: 4, context: context)

            let start = Fixture.date("2012-07-01")
            let acc = try plans.create(db, Plan(code: "ACC", name: "意外伤害", kind: .accident, pricePerShare: Money(fen: 2600),
                                      maxShares: 4, minAge: 16, maxAge: 60,
                                      groupRule: GroupRule(minimumPercent: 50, smallUnitThreshold: 5)), context: context)
            let cia = try plans.create(db, Plan(code: "CIA", name: "重大疾病A", kind: .criticalIllness, pricePerShare: Money(fen: 3000),
                                      waitingPeriodDays: 90, exclusiveGroup: "CI"), context: context)
            let cib = try plans.create(db, Plan(code: "CIB", name: "重大疾病B", kind: .criticalIllness, pricePerShare: Money(fen: 5000),
                                      waitingPeriodDays: 90, exclusiveGroup: "CI"), context: context)
            let fem = try plans.create(db, Plan(code: "FEM", name: "女职工特殊疾病", kind: .femaleDisease,
                                      pricePerShare: Money(fen: 2500), gender: .female, waitingPeriodDays: 30,
                                      benefits: Fixture.femaleBenefits), context: context)
            try plans.addTerm(db, planCode: "ACC", label: "2012", start: start, years: 1, rules: acc.rules, context: context)
            try plans.addTerm(db, planCode: "CIA", label: "2012", start: start, years: 3, rules: cia.rules, context: context)
            try plans.addTerm(db, planCode: "CIB", label: "2012", start: start, years: 3, rules: cib.rules, context: context)
            try plans.addTerm(db, planCode: "FEM", label: "2012", start: start, years: 2, rules: fem.rules, context: context)
        }
        return database
    }

    static let femaleBenefits = [
        BenefitItem(code: "cancer", name: "恶性肿瘤", amount: Money(fen: 600_000)),
        BenefitItem(code: "both", name: "子宫及卵巢全切", amount: Money(fen: 300_000)),
        BenefitItem(code: "one", name: "子宫或卵巢切除", amount: Money(fen: 200_000)),
        BenefitItem(code: "fibroid", name: "子宫肌瘤切除", amount: Money(fen: 100_000)),
    ]

    /// Registers a member and returns their resident ID.
    @discardableResult
    static func member(_ db: Database, _ residentID: String, unit: String = "BH001", name: String = "张三",
                       joinedOn: String = "2010-01-01") throws -> String {
        try MemberService().register(db, MemberDraft(residentID: residentID, name: name, unitCode: unit,
                                                     joinedOn: date(joinedOn)), context: context())
        return residentID
    }
}

/// The error a throwing body throws, as a ValidationError (nil if it did not throw one).
func validationError<T>(_ body: () throws -> T) -> ValidationError? {
    do {
        _ = try body()
        return nil
    } catch let error as ValidationError {
        return error
    } catch {
        return nil
    }
}
