import GRDB
import Testing
@testable import HuzhuCore

/// A rule written in Swift for the core's tests: fixed scores per unit,
/// rewards by rank.
struct FixedRule: AppraisalRule {
    var scores: [String: Double]
    var rewards: [Int: Int64] = [1: 100_000, 2: 50_000]
    var ruleName = "appraisal"
    var ruleVersionID: Int64? = nil
    var sha256 = String(repeating: "ab", count: 32)

    func score(unit: Unit, indicators: Indicators, fields: IndicatorValue, period: AppraisalPeriod,
               year: Int) throws -> AppraisalScore {
        AppraisalScore(total: scores[unit.code] ?? 0, breakdown: ["participation": indicators.participation],
                       notes: ["fixed"])
    }

    func reward(rank: Int, of count: Int, score: AppraisalScore, unit: Unit) throws -> Money {
        Money(fen: rewards[rank] ?? 0)
    }
}

@Suite("Appraisal runs")
struct AppraisalTests {
    let database: HuzhuDatabase
    let service = AppraisalService()

    init() throws {
        database = try Fixture.city()
        _ = try database.write { db in
            try UnitService().create(db, UnitDraft(code: "GJ", name: "工交产业工会", kind: .district, parentCode: "FED"),
                                     context: Fixture.context())
        }
    }

    func run(_ period: AppraisalPeriod, _ scores: [String: Double], confirm: Bool = false) throws -> AppraisalOutcome {
        try database.write { db in
            try service.run(db, level: [.district], period: period, year: 2012, rule: FixedRule(scores: scores),
                            confirm: confirm, context: Fixture.context(today: Fixture.date("2012-07-01")))
        }
    }

    @Test("ranking: higher first, equal scores share a rank, the next rank is skipped, ties in path order")
    func ranking() {
        let ranked = AppraisalRanking.rank([50, 70, 70, 10, 70])
        #expect(ranked.map(\.index) == [1, 2, 4, 0, 3])
        #expect(ranked.map(\.rank) == [1, 1, 1, 4, 5])
        #expect(AppraisalScore(total: 80.004).total == 80)
        #expect(AppraisalScore(total: 80.005).total == 80.01)
    }

    @Test("a half-year run scores every district as of 06-30, ranks with ties, stores indicators and the rule's hash")
    func halfYear() throws {
        let outcome = try run(.halfYear, ["BH": 90, "LY": 75.5, "GJ": 90])
        #expect(outcome.run.asOf == Fixture.date("2012-06-30"))
        #expect(outcome.run.status == "current")
        #expect(outcome.results.map(\.unit.code) == ["BH", "GJ", "LY"])
        #expect(outcome.results.map(\.rank) == [1, 1, 3])
        #expect(outcome.results.map(\.reward.fen) == [100_000, 100_000, 0])
        let stored = try database.read { db in try service.results(db, runID: outcome.run.id!) }
        #expect(stored.map(\.unit.code) == ["BH", "GJ", "LY"])
        #expect(stored[2].score.total == 75.5)
        #expect(stored[0].score.notes == ["fixed"])
        #expect(stored[0].score.breakdown == ["participation": 0])
        guard case .fields(let fields) = stored[0].indicators else { Issue.record("no fields"); return }
        #expect(fields["employees"] == .integer(14))
        #expect(fields["to"] == .text("2012-06-30"))
        let rewards = try database.read { db in try service.rewards(db, year: 2012) }
        #expect(rewards.isEmpty)   // only a confirmed final appraisal registers rewards
    }

    @Test("re-running replaces the preliminary run and keeps the earlier one in history")
    func rerun() throws {
        let first = try run(.halfYear, ["BH": 60, "LY": 70, "GJ": 80])
        let second = try run(.halfYear, ["BH": 90, "LY": 70, "GJ": 80])
        #expect(second.superseded == first.run.id)
        try database.read { db in
            let history = try service.history(db, level: [.district], period: .halfYear, year: 2012)
            #expect(history.map(\.status) == ["current", "superseded"])
            #expect(try service.current(db, level: [.district], period: .halfYear, year: 2012)?.id == second.run.id)
            #expect(try service.results(db, runID: first.run.id!).first?.unit.code == "GJ")
        }
    }

    @Test("a confirmed final appraisal registers its rewards and is locked, in the core and in SQL")
    func confirmAndLock() throws {
        _ = try run(.year, ["BH": 60, "LY": 70, "GJ": 80])
        let final = try run(.year, ["BH": 60, "LY": 70, "GJ": 80], confirm: true)
        #expect(final.run.status == "confirmed" && final.run.confirmedBy == "clerk")
        let rewards = try database.read { db in try service.rewards(db, year: 2012) }
        #expect(rewards.map(\.unit) == ["GJ", "LY"])
        #expect(rewards.map(\.amount.fen) == [100_000, 50_000])
        let again = validationError { try run(.year, ["BH": 99]) }
        #expect(again?.description ==
            "E1005 period: the final appraisal of district units for 2012 was confirmed on 2012-07-01 by clerk and is locked")
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "UPDATE appraisalRun SET status = 'superseded' WHERE status = 'confirmed'") }
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "DELETE FROM appraisalResult") }
        }
        // The half-year appraisal of the same year is still open.
        #expect(try run(.halfYear, ["BH": 1]).run.status == "current")
    }

    /// Adds an industrial union (WJ) and a county union (FD) under the federation.
    func addIndustryAndCounty() throws {
        _ = try database.write { db in
            try UnitService().create(db, UnitDraft(code: "WJ", name: "文教工会", kind: .industry, parentCode: "FED"),
                                     context: Fixture.context())
            try UnitService().create(db, UnitDraft(code: "FD", name: "肥东县总工会", kind: .county, parentCode: "FED"),
                                     context: Fixture.context())
        }
    }

    func run(_ level: AppraisalLevel, _ period: AppraisalPeriod, _ scores: [String: Double],
             confirm: Bool = false) throws -> AppraisalOutcome {
        try database.write { db in
            try service.run(db, level: level, period: period, year: 2012, rule: FixedRule(scores: scores),
                            confirm: confirm, context: Fixture.context(today: Fixture.date("2012-07-01")))
        }
    }

    @Test("a level of several kinds: sorted, without duplicates, stored as the comma-joined names; unknown names refused")
    func levelNames() throws {
        let level: AppraisalLevel = [.industry, .district, .county, .district]
        #expect(level.kinds == [.county, .district, .industry])
        #expect(level.rawValue == "county,district,industry")
        #expect(try AppraisalLevel(parsing: " district, industry,county") == level)
        #expect(AppraisalLevel(.district).rawValue == "district")
        #expect(throws: AppraisalLevel.UnknownKind(name: "city")) { try AppraisalLevel(parsing: "district,city") }
        #expect(throws: AppraisalLevel.UnknownKind(name: "")) { try AppraisalLevel(parsing: "district,") }
        #expect(AppraisalLevel.UnknownKind(name: "city").description
                == "'city' is not one of federation, district, county, industry, enterprise, grassroots")
    }

    @Test("a combined run ranks districts, counties and industrial unions together, in one ranking")
    func combined() throws {
        try addIndustryAndCounty()
        let outcome = try run([.district, .county, .industry], .halfYear,
                              ["BH": 70, "LY": 90, "GJ": 80, "WJ": 90, "FD": 75])
        #expect(outcome.run.level.rawValue == "county,district,industry")
        #expect(outcome.results.map(\.unit.code) == ["LY", "WJ", "GJ", "FD", "BH"])
        #expect(outcome.results.map(\.rank) == [1, 1, 3, 4, 5])
        #expect(outcome.results.map(\.reward.fen) == [100_000, 100_000, 0, 0, 0])
        let stored = try database.read { db in
            try String.fetchOne(db, sql: "SELECT level FROM appraisalRun WHERE id = ?", arguments: [outcome.run.id])
        }
        #expect(stored == "county,district,industry")
        let audit = try database.read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM audit WHERE operation = 'runAppraisal' ORDER BY id DESC LIMIT 1")
        }
        #expect(audit?.contains("\"level\":\"county,district,industry\"") == true, "\(audit ?? "")")
    }

    @Test("a combined run is stored beside the single-kind runs: neither replaces the other; any order names the same run")
    func combinedBesideSingle() throws {
        try addIndustryAndCounty()
        let single = try run([.district], .halfYear, ["BH": 1, "LY": 2, "GJ": 3])
        let combined = try run([.industry, .district], .halfYear, ["BH": 1, "LY": 2, "GJ": 3, "WJ": 4])
        #expect(combined.superseded == nil)
        let singleAgain = try run([.district], .halfYear, ["BH": 3, "LY": 2, "GJ": 1])
        #expect(singleAgain.superseded == single.run.id)
        let combinedAgain = try run([.district, .industry], .halfYear, ["BH": 5, "LY": 2, "GJ": 3, "WJ": 4])
        #expect(combinedAgain.superseded == combined.run.id)
        try database.read { (db: Database) throws -> Void in
            #expect(try service.current(db, level: [.district], period: .halfYear, year: 2012)?.id == singleAgain.run.id)
            #expect(try service.current(db, level: [.industry, .district], period: .halfYear, year: 2012)?.id
                    == combinedAgain.run.id)
            #expect(try service.current(db, level: [.industry], period: .halfYear, year: 2012) == nil)
            #expect(try service.history(db, level: [.district, .industry], period: .halfYear, year: 2012).map(\.id)
                    == [combinedAgain.run.id, combined.run.id])
            #expect(try service.results(db, runID: combinedAgain.run.id!).map(\.unit.code) == ["BH", "WJ", "GJ", "LY"])
            #expect(try service.results(db, runID: singleAgain.run.id!).map(\.unit.code) == ["BH", "LY", "GJ"])
        }
    }

    @Test("a confirmed combined year-end run locks only itself; a confirmed single kind does not lock the combined run")
    func combinedConfirmLocksOnlyItself() throws {
        try addIndustryAndCounty()
        let level: AppraisalLevel = [.district, .county, .industry]
        let final = try run(level, .year, ["BH": 60, "LY": 70, "GJ": 80, "WJ": 90, "FD": 10], confirm: true)
        #expect(final.run.status == "confirmed")
        let again = validationError { try run([.industry, .county, .district], .year, ["BH": 99]) }
        #expect(again?.description == "E1005 period: the final appraisal of county,district,industry units for 2012 "
                + "was confirmed on 2012-07-01 by clerk and is locked")
        #expect(try run([.district], .year, ["BH": 99]).run.status == "current")
        #expect(try run([.district, .industry], .year, ["BH": 99], confirm: true).run.status == "confirmed")
        #expect(try run([.district], .year, ["BH": 98]).run.status == "current")
        let rewards = try database.read { db in try service.rewards(db, year: 2012) }.filter { $0.runID == final.run.id }
        #expect(rewards.map(\.unit) == ["GJ", "WJ"])   // by path
        #expect(rewards.map(\.amount.fen) == [50_000, 100_000])
    }

    @Test("no units of a level: a clear refusal")
    func noUnits() {
        let error = validationError {
            try database.write { db in
                try service.run(db, level: [.county], period: .halfYear, year: 2012, rule: FixedRule(scores: [:]),
                                context: Fixture.context())
            }
        }
        #expect(error?.description == "E1007 level: there are no county units to appraise")
    }
}
