import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuDemo
import HuzhuReport
import HuzhuScripting
import LuaHost

/// `huzhu demo [DIR]`: makes a workspace filled with the demo city and
/// prints its participation by district and industrial union.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a workspace with a demo city (合肥): units, members, plans, this year's group enrollments, targets and claims.",
        discussion: """
            The city is drawn from the seed: the same seed and size give the same workspace on \
            every machine. Its business date is fixed at \(DemoCity.today) (`today` in huzhu.toml).
            """
    )

    @Argument(help: ArgumentHelp("The folder to make the workspace in (created if missing; huzhu-demo when not named, outside a workspace only).", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("The number of members to register (1 to 10,000,000).", valueName: "n"))
    var members: Int = 50_000

    @Option(help: ArgumentHelp("The seed of the random draws.", valueName: "s"))
    var seed: UInt64 = 1

    @Flag(help: "Replace a workspace already in the folder (its huzhu.toml, huzhu.db and scripts/ are deleted).")
    var force = false

    func validate() throws {
        guard (1...10_000_000).contains(members) else {
            throw ValidationError("--members must be between 1 and 10,000,000 (got \(members))")
        }
    }

    /// Why the demo was not made.
    struct DemoError: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws {
        let directory = try self.directory ?? Self.defaultDirectory(members: members)
        let root = URL(fileURLWithPath: directory)
        let fm = FileManager.default
        if fm.fileExists(atPath: root.appendingPathComponent(Workspace.configName).path) {
            guard force else {
                throw DemoError(description: "\(directory) already holds a workspace; pass --force to replace it")
            }
            try removeWorkspace(at: root)
        }
        let workspace = try Workspace.create(at: root, operatorName: DemoCity.operatorName, today: DemoCity.today,
                                             stockScripts: StockScripts.files)
        let summary: DemoCity.Summary
        let database: HuzhuDatabase
        do {
            database = try workspace.openDatabase()
            summary = try build(into: database, workspace: workspace)
            // plans.toml says what the city's plans are (applying it changes nothing).
            let definitions = try database.read { session in try session.services.plans.definitions(session.connection) }
            try Data(PlansFile.render(definitions, header: [
                "The demo city's plans and terms (docs/plans.md). Money in yuan, ratio in percent, windows in days.",
                "Add next year's terms here (like = \"\(DemoCity.programmeYear)\", then what differs) and run: huzhu plans apply plans.toml",
            ]).utf8).write(to: root.appendingPathComponent(Workspace.plansName))
        } catch {
            try? removeWorkspace(at: root)
            throw error
        }
        try print(report(summary, database: database, directory: directory))
    }

    /// `huzhu-demo` in the current folder, unless that is inside a workspace: a
    /// demo city typed there by mistake would bury the union's own files.
    static func defaultDirectory(members: Int) throws -> String {
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(Workspace.configName).path) {
                throw DemoError(description: "this folder is inside the workspace \(folder.path); name the folder to make the demo in, "
                                + "e.g. huzhu demo ~/huzhu-demo (a demo of \(members) members)")
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return "huzhu-demo" }
            folder = parent
        }
    }

    /// Deletes what makes a folder a workspace, leaving other files alone.
    /// The city, enrolled with the stock subsidy formula (行政支持一点、工会筹措一点、职工拿一点),
    /// activated from the start of the year before the first enrolment, all in one transaction.
    private func build(into database: HuzhuDatabase, workspace: Workspace) throws -> DemoCity.Summary {
        guard let text = StockScripts.files["rules/subsidy.lua"] else { throw DemoError(description: "the stock subsidy rule is missing") }
        let context = WriteContext(operator: DemoCity.operatorName, today: DemoCity.registrationDay)
        let bankFolder = workspace.root.appendingPathComponent(DemoCommand.bankName)
        try FileManager.default.createDirectory(at: bankFolder, withIntermediateDirectories: true)
        let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path, context: context,
                                      limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
        _ = try database.write(.commit) { session in
            try session.services.rules.activate(session.connection, name: "subsidy", text: text,
                                                sha256: ScriptRunner.sha256(text), effectiveFrom: DemoCity.subsidyFrom,
                                                context: context)
        }
        return try database.write(.commit, hooks: runner) { session in
            try DemoCity(seed: seed, members: members, bankFolder: bankFolder)
                .build(session.connection, subsidy: runner.subsidy)
        }
    }

    private func removeWorkspace(at root: URL) throws {
        let fm = FileManager.default
        for name in [Workspace.configName, Workspace.databaseName, Workspace.databaseName + "-wal",
                     Workspace.databaseName + "-shm", Workspace.scriptsName, Workspace.plansName] {
            let url = root.appendingPathComponent(name)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        }
        // The demo's own payout batch and the bank's answer to it (other files in bank/ stay).
        for name in [DemoCity.payoutFileName, DemoCity.answerFileName] {
            let url = root.appendingPathComponent(DemoCommand.bankName).appendingPathComponent(name)
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        }
    }

    /// The workspace folder the demo's payout batch and the bank's answer go in.
    static let bankName = "bank"


    // MARK: - Report

    /// The text printed after building: what was made, the plans, participation by union, targets, claims.
    func report(_ summary: DemoCity.Summary, database: HuzhuDatabase, directory: String) throws -> String {
        let year = DemoCity.programmeYear
        let enrollment = EnrollmentService()
        let targets = TargetService()
        let units = DemoCity.topUnits.map { ($0.code, $0.name) } + [(DemoCity.federationCode, "全市合计")]
        let (planRows, unitRows, total, progress, overdue) = try database.read { db in
            let plans = try DemoCity.planOffers.map { offer in
                (offer, try enrollment.participation(db, year: year, planCode: offer.plan.code))
            }
            let participation = try DemoCity.topUnits.map { top in
                (top.name, try enrollment.participation(db, under: top.code, year: year))
            }
            let progress = try units.compactMap { code, name -> (String, TargetProgress, TargetProgress)? in
                guard let both = try targets.progress(db, unitCode: code, asOf: [DemoCity.halfYear, DemoCity.today])
                else { return nil }
                return (name, both[0], both[1])
            }
            return (plans, participation, try enrollment.participation(db, under: DemoCity.federationCode, year: year),
                    progress, try ClaimService().overdue(db, days: 30, asOf: DemoCity.today).count)
        }

        var lines: [String] = []
        lines.append("Made the demo workspace \(directory) (seed \(seed)): 合肥市总工会, "
                     + "\(DemoCity.topUnits.count) unions under it, \(grouped(summary.grassroots)) grassroots unions, "
                     + "\(grouped(summary.members)) members (\(grouped(summary.retired)) retired, "
                     + "\(grouped(summary.left)) gone, \(grouped(summary.hardship)) hardship).")
        let first = summary.firstEnrollment.map(\.description) ?? "–", last = summary.lastEnrollment.map(\.description) ?? "–"
        lines.append("Group enrollments from \(first) to \(last) on \(grouped(summary.enrollmentDays)) days "
                     + "(\(grouped(summary.lateUnits)) units late, after the terms started): "
                     + "\(grouped(summary.batches)) batches, \(grouped(summary.policies)) policies. "
                     + "Business date \(DemoCity.today).")
        lines.append("")
        lines.append("Plans, terms from \(DemoCity.termStart):")
        lines += table(
            header: ["计划", "每份（元）", "期限", "参保人数", "缴费（元）"],
            alignRight: [false, true, true, true, true],
            rows: planRows.map { offer, figures in
                ["\(offer.plan.code) \(offer.plan.name)", offer.plan.pricePerShare.formatted(),
                 "\(offer.years) 年", grouped(figures.enrolledMembers), figures.contributions.formatted()]
            })
        lines.append("")
        lines.append("Participation \(year) by district and industrial union (参保率 = enrolled members ÷ employees):")
        let row = { (name: String, figures: Participation) -> [String] in
            [name, grouped(figures.employees), grouped(figures.enrolledMembers), figures.rateText,
             figures.contributions.formatted()]
        }
        lines += table(
            header: ["单位", "职工人数", "参保人数", "参保率", "缴费（元）"],
            alignRight: [false, true, true, true, true],
            rows: unitRows.map(row), footer: row("全市合计", total))
        lines.append("")
        lines += targetLines(progress)
        lines.append("")
        lines += claimLines(summary, overdue: overdue)
        lines += moneyLines(summary)
        lines.append("")
        lines.append("Try next:")
        lines.append("  cd \(directory) && huzhu run scripts/jobs/hello.lua")
        return lines.joined(separator: "\n")
    }

    /// The targets, their completion at the half year and now, and when they were reached.
    private func targetLines(_ progress: [(String, TargetProgress, TargetProgress)]) -> [String] {
        let half = DemoCity.halfYear, today = DemoCity.today
        let behind = progress.dropLast().filter { !$0.1.onTrack }.count
        let reached = progress.dropLast().filter { $0.2.reachedOn != nil }.count
        let unions = progress.count - 1
        var lines = ["Targets \(DemoCity.programmeYear) (set \(DemoCity.registrationDay); completion = the lower of members "
                     + "and contributions; at \(half) \(percent(TargetProgress.elapsed(half))) of the year is gone, "
                     + "时间过半、任务过半):"]
        let row = { (name: String, half: TargetProgress, now: TargetProgress) -> [String] in
            [name, self.grouped(now.target.members), now.target.contributions.formatted(), self.percent(half.completion),
             half.onTrack ? "达标" : "落后", self.percent(now.completion), now.reachedOn?.description ?? "–"]
        }
        lines += table(
            header: ["单位", "目标人数", "目标缴费（元）", "\(half.month)月\(half.day)日完成", "时间过半",
                     "\(today.month)月\(today.day)日完成", "达成日期"],
            alignRight: [false, true, true, true, false, true, false],
            rows: progress.dropLast().map(row), footer: progress.last.map(row))
        lines.append("At \(half): \(unions - behind) of \(unions) unions on track, \(behind) behind; "
                     + "by \(today) \(reached) have reached their target.")
        return lines
    }

    /// The claims by status, the overdue ones, the benefits paid and how fast.
    private func claimLines(_ summary: DemoCity.Summary, overdue: Int) -> [String] {
        let total = summary.claims.values.reduce(0, +)
        let statuses: [ClaimStatus] = [.paid, .rejected, .approved, .underReview, .reported]
        let parts = statuses.map { "\(grouped(summary.claims[$0, default: 0])) \($0.chinese)" }
        let paid = summary.claims[.paid, default: 0]
        let average = paid == 0 ? "–" : String(format: "%.1f", Double(summary.daysToPay) / Double(paid))
        return [
            "Claims reported by \(DemoCity.today): \(grouped(total)) (" + parts.joined(separator: ", ") + "); "
                + "\(grouped(overdue)) waiting more than 30 days at one step.",
            "Benefits paid \(summary.benefitsPaid.formatted()) yuan, \(average) days from report to payout on average.",
        ]
    }

    /// The contributions received and owed, the payout batch, the closed months.
    private func moneyLines(_ summary: DemoCity.Summary) -> [String] {
        let owed = ArrearsBand.allCases.map { summary.owed[$0] ?? .zero }
        let total = Money(fen: owed.reduce(0) { $0 + $1.fen })
        var lines = [
            "Contributions received \(summary.received.formatted()) yuan in \(grouped(summary.receipts)) receipts; "
                + "owed \(total.formatted()) (0–30 days \(owed[0].formatted()), 31–90 days \(owed[1].formatted()), "
                + "over 90 days \(owed[2].formatted())): huzhu report arrears.",
        ]
        if summary.payoutsSent > 0 {
            lines.append("Payout batch of \(DemoCity.today) (\(DemoCommand.bankName)/\(DemoCity.payoutFileName)): "
                         + "\(grouped(summary.payoutsSent)) payments, \(summary.payoutsAmount.formatted()) yuan; "
                         + "the bank paid \(grouped(summary.payoutsPaid)); \(grouped(summary.payoutsFailed)) failed, "
                         + "left approved (\(DemoCommand.bankName)/\(DemoCity.answerFileName)).")
        }
        if let through = summary.closedThrough {
            lines.append("Books closed through \(through): huzhu ledger periods.")
        }
        return lines
    }

    /// A percentage with one decimal: 49.6%.
    private func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value)
    }

    /// Lines of a table whose columns line up in a terminal (CJK characters take two columns).
    private func table(header: [String], alignRight: [Bool], rows: [[String]], footer: [String]? = nil) -> [String] {
        let all = [header] + rows + (footer.map { [$0] } ?? [])
        let widths = header.indices.map { column in all.map { TextWidth.of($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                if column > 0 { text += "  " }
                text += alignRight[column] ? TextWidth.rightAligned(cell, to: widths[column])
                    : TextWidth.padded(cell, to: widths[column])
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return "  " + text
        }
        let rule = "  " + String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [line(header), rule] + rows.map(line)
        if let footer { lines += [rule, line(footer)] }
        return lines
    }

    /// An integer with thousands grouped by commas: 50,000.
    private func grouped(_ number: Int) -> String {
        Money(fen: Int64(number) * 100).formatted().dropLast(3).description
    }
}
