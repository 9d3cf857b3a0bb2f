import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu appraise --level district --period H1 --year 2026`: scores every
/// unit of a level (one kind, or several ranked together:
/// `--level district,county,industry`) with the appraisal rule, ranks,
/// stores and prints.
struct AppraiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraise",
        abstract: "Appraise every unit of a level or of several kinds together (半年初评 H1 as of 06-30, 年终总评 YEAR as of 12-31) with the appraisal rule.",
        discussion: """
            Scores each unit with score(unit, indicators, period) of the appraisal rule in force on the as-of date \
            (huzhu rules activate appraisal FILE --from DATE), ranks them (equal scores share a rank), asks \
            reward(rank, score, unit, count) for rewards in fen, stores the run and prints the ranking. \
            --level district,county,industry ranks the units of the listed kinds together in one run, stored \
            apart from the single kinds' runs (the order of the kinds does not matter). Re-running the same level \
            replaces its stored run and keeps the earlier one in history. --confirm makes a year-end appraisal final: \
            locked, and its rewards entered in the reward register. --show prints what is stored without running.
            """
    )
    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var key: AppraisalKey
    @Flag(help: "Make the year-end appraisal final: locked, rewards registered.") var confirm = false
    @Flag(help: "Run and print, store nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Score with this candidate rule file instead of the version in force (nothing is stored).", valueName: "file"))
    var rule: String?
    @Option(help: "Days at one step after which a claim counts as overdue.") var overdueDays: Int = 30
    @Flag(help: "Print the stored results in force (and the run history) without running.") var show = false

    func validate() throws {
        guard (1...36_500).contains(overdueDays) else { throw ValidationError("--overdue-days: must be from 1 to 36500 (got \(overdueDays))") }
        if confirm {
            guard key.appraisalPeriod.isFinal else {
                throw ValidationError("--confirm: only the year-end appraisal (--period YEAR) is final; a half-year appraisal stays preliminary")
            }
            guard !dryRun, rule == nil else { throw ValidationError("--confirm cannot be combined with --dry-run or --rule") }
        }
        if show, confirm || dryRun || rule != nil {
            throw ValidationError("--show prints what is stored; it cannot be combined with --confirm, --dry-run or --rule")
        }
        if let rule { try ScriptFile.validateReadable(rule) }
    }

    func run() throws {
        let workspace = try workspaceOptions.open()
        let database = try workspace.openDatabase()
        if show {
            print(try AppraisalPrinter.stored(database: database, level: key.kinds, period: key.appraisalPeriod, year: key.year))
            return
        }
        let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path,
                                      context: workspaceOptions.context(in: workspace),
                                      limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
        let candidate = try rule.map { AppraisalRunner.Candidate(text: try ScriptFile.read($0), name: $0) }
        let outcome = try AppraisalRunner.run(runner: runner, database: database, level: key.kinds,
                                              period: key.appraisalPeriod, year: key.year, confirm: confirm, dryRun: dryRun, candidate: candidate,
                                              overdueDays: overdueDays)
        let ruleText = candidate.map { "candidate \($0.name) \(ScriptRunner.sha256($0.text).prefix(12))" }
            ?? "appraisal \(outcome.run.ruleSHA256.prefix(12))"
        print(AppraisalPrinter.heading(outcome.run, rule: ruleText))
        print(AppraisalPrinter.table(outcome.results))
        print("")
        print(AppraisalPrinter.footer(outcome, stored: !dryRun && candidate == nil))
    }
}
