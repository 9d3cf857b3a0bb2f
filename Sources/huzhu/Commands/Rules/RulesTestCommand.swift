import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting

extension RulesCommand {
    /// `huzhu rules test [NAME]`: runs a rule's golden cases.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a rule's golden cases (scripts/rules/NAME.cases.csv) against scripts/rules/NAME.lua.",
            discussion: "Prints each case, and for a failing one what differs; exits 1 if any case failed."
        )
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name.") var name: String = "subsidy"
        @Option(help: ArgumentHelp("Test this file instead of scripts/rules/NAME.lua (a candidate).", valueName: "file"))
        var file: String?

        func run() throws {
            guard ["subsidy", "appraisal"].contains(name) else {
                throw ValidationError("rules test knows the cases of the subsidy and appraisal rules (got \(name))")
            }
            let workspace = try workspaceOptions.open()
            let ruleURL = file.map { URL(fileURLWithPath: $0) } ?? workspace.scriptsURL.appendingPathComponent("rules/\(name).lua")
            let casesURL = workspace.scriptsURL.appendingPathComponent("rules/\(name).cases.csv")
            let display = file ?? "scripts/rules/\(name).lua"
            let text = try ScriptFile.read(ruleURL.path)
            let runner = try ScriptRunner(database: try workspace.openDatabase(), databasePath: workspace.databaseURL.path,
                                          context: workspaceOptions.context(in: workspace), scriptRoot: workspace.scriptsURL)
            let outcomes = name == "appraisal"
                ? try AppraisalCases.run(rule: text, ruleName: display, casesURL: casesURL, runner: runner)
                : try SubsidyCases.run(rule: text, ruleName: display, casesURL: casesURL, runner: runner)
            for outcome in outcomes {
                print((outcome.passed ? "ok    " : "FAIL  ") + outcome.name)
                for problem in outcome.problems { print("        \(casesURL.lastPathComponent):\(outcome.line): \(problem)") }
            }
            let failed = outcomes.filter { !$0.passed }.count
            print("\(outcomes.count - failed) passed, \(failed) failed")
            if failed > 0 { terminate(1) }
        }
    }
}
