import Foundation
import GRDB
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost
import Testing

/// Wrong shapes of rule results not covered by SubsidyRuleTests.wrongShapes,
/// BenefitRuleTests and AppraisalRuleTests.wrongResults: each refused with its
/// own message naming the rule's line, and nothing written.
@Suite("Bad input: rule results of every wrong shape")
struct RuleShapeTests {
    @Test("subsidy(): booleans, tables, infinities, fractions and integers past fen", arguments: [
        ("return {administration = true, union = 0, member = 2600}",
         "subsidy() result field 'administration' is a boolean, expected an integer number of fen"),
        ("return {administration = {}, union = 0, member = 2600}",
         "subsidy() result field 'administration' is a table, expected an integer number of fen"),
        ("return {administration = 1/0, union = 0, member = 2600}", "subsidy() result field 'administration' is inf, not a number of fen"),
        ("return {administration = 0.5, union = 0, member = 2599.5}",
         "subsidy() result field 'administration' is 0.5, not a whole number of fen (use huzhu.round, huzhu.share or huzhu.split)"),
        ("return {2600, 0, 0}", "subsidy() returned a list, expected a table {administration = …, union = …, member = …} in fen"),
    ])
    func subsidy(body: String, message: String) throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("function subsidy(e)\n  \(body)\nend\n")
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}", name: "enroll.lua")
        let text = try #require(error?.message)
        #expect(text == "enroll.lua:1: rules/subsidy.lua:2: " + message, "\(text)")
        #expect(try f.count("policy") == 0)
    }

    @Test("subsidy(): parts whose sum overflows are refused by the core, without a trap")
    func subsidyOverflow() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("function subsidy(e)\n  return {administration = math.maxinteger, union = 1, member = 0}\nend\n")
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}", name: "enroll.lua")
        #expect(error?.message == "enroll.lua:1: E507 member 340104********0119: split 92233720368547758.07 + 0.01 + 0.00 = overflow does not equal the contribution 26.00")
        #expect(try f.count("policy") == 0)
    }

    @Test("benefit(): nil, strings, tables, NaN, infinities and numbers past fen", arguments: [
        ("return nil", "benefit() returned nil, expected an integer number of fen"),
        ("return '100'", "benefit() returned string, expected an integer number of fen"),
        ("return {amount = 100}", "benefit() returned table, expected an integer number of fen"),
        ("return 0/0", "benefit() returned -nan, not a number of fen"),
        ("return 1/0", "benefit() returned inf, not a number of fen"),
        ("return 2^70", "benefit() returned 1.1805916207174e+21, too large for fen"),
        ("return -0.5", "benefit() returned -0.5, not a whole number of fen (use huzhu.round or huzhu.share)"),
    ])
    func benefit(body: String, message: String) throws {
        let f = try BenefitRuleTests().fixture()
        try BenefitRuleTests().activate(f, "function benefit(claim, computed)\n  \(body)\nend\n")
        let error = try f.failure(BenefitRuleTests().claimScript, name: "claim.lua")   // the review is on line 5
        let text = try #require(error?.message)
        #expect(text == "claim.lua:5: rules/benefit.lua:2: " + message
                || text == "claim.lua:5: rules/benefit.lua:2: " + message.replacingOccurrences(of: "-nan", with: "nan"), "\(text)")
        #expect(try f.count("claim") == 0)
    }
}
