import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu explain appraisal UNIT --level district --period H1 --year 2026`:
/// how a unit's score, rank and reward came about.
struct AppraisalExplanation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Explain a unit's appraisal: rule version, indicators, points, notes, rank and reward.")
    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Argument(help: "The unit's code.") var unit: String
    @OptionGroup var key: AppraisalKey
    @Option(name: .customLong("run"), help: "A run from the history instead of the one in force.") var runID: Int64?

    func run() throws {
        let kind = key.kinds, appraisal = key.appraisalPeriod, year = key.year, level = kind.rawValue
        let workspace = try workspaceOptions.open()
        let text: String = try workspace.openDatabase().read { db in
            let service = AppraisalService()
            let history = try service.history(db, level: kind, period: appraisal, year: year)
            guard let chosen = try runID.map({ id in history.first { $0.id == id } })
                    ?? service.current(db, level: kind, period: appraisal, year: year) else {
                if let runID { throw DataError("no run \(runID) of the \(appraisal.rawValue) \(year) appraisal of \(level) units") }
                throw DataError("no \(appraisal.rawValue) \(year) appraisal of \(level) units has been run")
            }
            let results = try service.results(db, runID: chosen.id!)
            guard let result = results.first(where: { $0.unit.code == unit }) else {
                throw DataError("unit \(unit) is not in run \(chosen.id!) (\(results.count) \(level) units were appraised)")
            }
            var lines = ["\(appraisal.chineseName) \(appraisal.rawValue) \(year) of \(level) units: run \(chosen.id!) (\(chosen.status)), as of \(chosen.asOf), ran \(chosen.ranOn) by \(chosen.operatorName)",
                         "  unit \(result.unit.code) \(result.unit.name): rank \(result.rank) of \(results.count), score \(AppraisalPrinter.score(result.score.total)), reward \(result.reward.formatted()) yuan"]
            var rule = "\(chosen.ruleName) \(chosen.ruleSHA256.prefix(12))"
            if let id = chosen.ruleVersionID, let version = try RuleService().version(db, id: id) {
                rule += " (in force from \(version.effectiveFrom), registered by \(version.operatorName))"
            }
            lines.append("  rule \(rule)")
            lines.append("  points")
            for (name, points) in result.score.breakdown.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(name.padding(toLength: 16, withPad: " ", startingAt: 0))\(AppraisalPrinter.score(points))")
            }
            lines.append("  indicators")
            for (name, value) in Self.flatten(result.indicators) {
                lines.append("    \(name.padding(toLength: 34, withPad: " ", startingAt: 0))\(value)")
            }
            lines.append(result.score.notes.isEmpty ? "  notes   (none)" : "  notes")
            for note in result.score.notes { lines.append("    - \(note)") }
            return lines.joined(separator: "\n")
        }
        print(text)
    }

    /// `claims.average_days  10.5`, sorted by name.
    static func flatten(_ value: IndicatorValue, prefix: String = "") -> [(String, String)] {
        switch value {
        case .fields(let fields):
            return fields.keys.sorted().flatMap { flatten(fields[$0]!, prefix: prefix.isEmpty ? $0 : prefix + "." + $0) }
        case .integer(let i): return [(prefix, String(i))]
        case .number(let d): return [(prefix, String(format: "%.2f", d))]
        case .text(let s): return [(prefix, s)]
        case .boolean(let b): return [(prefix, b ? "yes" : "no")]
        }
    }
}
