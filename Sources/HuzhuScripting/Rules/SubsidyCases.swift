import Foundation
import HuzhuCore
import LuaHost

/// Golden cases for a subsidy rule, like OpenL Tablets' test tables: a CSV
/// beside the rule (`scripts/rules/subsidy.cases.csv`), one case a row,
/// inputs then the expected split.
///
/// ```
/// case,plan,contribution,shares,hardship,gender,age,unit,budget_remaining,administration,union,member
/// 普通会员,ACC,2600,1,no,male,40,BH001,,520,1300,780
/// ```
/// `budget_remaining` empty means no budget applies.
public enum SubsidyCases {
    /// One case's outcome.
    public struct Outcome: Equatable, Sendable {
        public var name: String
        public var line: Int
        /// Empty when the case passed; else one line per difference or the error.
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
    }

    static let inputColumns = ["case", "plan", "contribution", "shares", "hardship", "gender", "age", "unit", "budget_remaining"]

    /// Runs every case of `casesURL` against the rule text `rule`.
    ///
    /// - Throws: file and format errors (`subsidy.cases.csv:3: …`).
    public static func run(rule: String, ruleName: String, casesURL: URL, runner: ScriptRunner) throws -> [Outcome] {
        let reader = try CSVReader(contentsOf: casesURL)
        let file = casesURL.lastPathComponent
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces) }
        for column in inputColumns + SubsidyValues.parts where !header.contains(column) {
            throw ScriptingError("\(file):\(reader.headerLine): missing column '\(column)'")
        }
        let script = try runner.host.load(rule, name: ruleName)
        try script.run()
        guard script.defines(function: "subsidy") else { throw ScriptingError("\(ruleName) does not define function subsidy(e)") }
        return try records.map { record in
            func field(_ name: String) -> String {
                let i = header.firstIndex(of: name)!
                return i < record.fields.count ? record.fields[i].trimmingCharacters(in: .whitespaces) : ""
            }
            func integer(_ name: String) throws -> Int64 {
                guard let v = Int64(field(name)) else {
                    throw ScriptingError("\(file):\(record.line): \(name) \"\(field(name))\" is not a whole number")
                }
                return v
            }
            let hardship = ["yes", "true", "1", "是"].contains(field("hardship").lowercased())
            var e: [String: LuaValue] = [
                "policy": .table(["plan": .string(field("plan")), "contribution": .integer(try integer("contribution")),
                                  "shares": .integer(try integer("shares")), "term": "case", "year": 0, "start": "", "end": ""]),
                "member": .table(["hardship": .boolean(hardship), "gender": .string(field("gender")),
                                  "age": .integer(try integer("age")), "unit": .string(field("unit")),
                                  "units": .array([.string(field("unit"))]), "name": .string(field("case")), "resident_id": ""]),
                "date": "",
            ]
            if !field("budget_remaining").isEmpty {
                let remaining = try integer("budget_remaining")
                e["budget"] = .table(["unit": .string(field("unit")), "year": 0, "amount": .integer(remaining),
                                      "used": 0, "remaining": .integer(remaining)])
            }
            var problems: [String] = []
            do {
                let (results, line) = try script.callRecordingReturnLine("subsidy", [.table(e)])
                let split = try SubsidyValues.split(from: results, script: ruleName, line: line)
                let got = [split.administration.fen, split.union.fen, split.member.fen]
                for (i, part) in SubsidyValues.parts.enumerated() {
                    let expected = try integer(part)
                    if got[i] != expected { problems.append("\(part): expected \(expected), got \(got[i])") }
                }
            } catch let error as LuaError {
                problems.append(error.message)
            } catch let error as ScriptingError {
                problems.append(error.description)
            }
            return Outcome(name: field("case"), line: record.line, problems: problems)
        }
    }
}
