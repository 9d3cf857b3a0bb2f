import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu import offices|units|headcounts|members|policies|targets|member-changes|claims|receipts FILE.csv`: validates every row,
/// then imports them all in one transaction (or, with --skip-invalid, the
/// valid ones).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import offices, units, headcounts, members, policies, targets, member changes, claims or a bank statement from a CSV file.",
        discussion: """
            Headers in English or Chinese:
              offices   code,name,kind,parent  (代码,名称,类型,上级); kind office|agency (办事处|代办处), parent an office
              units     code,name,kind,parent,office,employees,year  (代码,名称,类型,上级,办事处,职工人数,年度)
              headcounts unit,year,employees  (单位,年度,职工人数); replaces a year already recorded
              members   resident_id,name,unit,phone,hardship,joined_on  (身份证号,姓名,单位,电话,困难职工,入会日期)
              policies  resident_id,plan,shares,term  (身份证号,计划,份数,期次)
              targets   unit,year,members,contributions,plan  (单位,年度,参保人数,缴费金额,计划); contributions in yuan
              member-changes resident_id,change,date,unit,name,phone,hardship  (身份证号,变更,日期,单位,姓名,电话,困难职工);
                        change update|transfer|left|retired|deceased (变更|调动|离职|退休|身故), applied in file order
              claims    policy or resident_id+plan, kind, incident_date, admission_date, discharge_date, total,
                        insurance_paid, self_paid, documents, reported_on, note  (保单号 或 身份证号+计划, 出险类型,
                        出险日期, 入院日期, 出院日期, 医疗费用总额, 统筹支付, 个人自付, 材料, 报案日期, 备注);
                        money in yuan; documents in English or Chinese, separated by ; 、 or |
              receipts  date,payer,amount,reference  (日期,缴款单位,金额,流水号): a bank statement, amount in yuan,
                        payer a unit's code or name; each receipt settles the unit's oldest open bills, an
                        unknown payer or a surplus is held in receipts:unapplied and listed (docs/ledger.md)
            The encoding (UTF-8 with or without a byte order mark, or GB18030/GBK) is \
            detected unless --encoding says. Every row is validated first; by default \
            one invalid row means nothing is imported (exit status 1) and every error \
            is listed on standard error as FILE:LINE: FIELD VALUE: MESSAGE. With \
            --skip-invalid the valid rows are imported and the others written to \
            --rejects with a reason column. Resident IDs and phone numbers in messages \
            are masked unless --unmasked.
            """
    )

    /// Errors listed on standard error before `… and N more`.
    static let listedErrors = 50

    @Argument(help: ArgumentHelp("What the file holds: offices, units, headcounts, members, policies, targets, member-changes, claims or receipts.", valueName: "kind"))
    var kind: ImportKind

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The file's encoding, utf8 or gb18030 (gbk); detected by default.", valueName: "encoding"))
    var encoding: CSVEncoding?

    @Flag(help: "Import the valid rows and write the invalid ones to --rejects (default: import nothing if any row is invalid).")
    var skipInvalid = false

    @Option(help: ArgumentHelp("Where --skip-invalid writes the rejected rows, with a reason column.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Show resident IDs and phone numbers in full in error messages and the rejects file's reasons.")
    var unmasked = false

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func validate() throws {
        if skipInvalid && rejects == nil {
            throw ArgumentParser.ValidationError("--skip-invalid needs --rejects FILE (where to write the rejected rows)")
        }
        if rejects != nil && !skipInvalid {
            throw ArgumentParser.ValidationError("--rejects is only used with --skip-invalid")
        }
        if let rejects, URL(fileURLWithPath: rejects).standardizedFileURL == URL(fileURLWithPath: file).standardizedFileURL {
            throw ArgumentParser.ValidationError("--rejects must not be the file being imported")
        }
    }

    func run() throws {
        let workspace = try workspaceOptions.open()
        let database = try workspace.openDatabase()
        let context = workspaceOptions.context(in: workspace)
        var options = ImportOptions()
        options.encoding = encoding
        options.skipInvalid = skipInvalid
        options.rejectsURL = rejects.map { URL(fileURLWithPath: $0) }
        options.workspaceRoot = workspace.root
        options.unmasked = unmasked
        options.errorLimit = Self.listedErrors
        let url = URL(fileURLWithPath: file)
        let bar = ImportProgressBar.ifTerminal()
        let progress: ((CSVProgress) -> Void)? = bar.map { bar in { bar.update($0) } }
        do {
            let report: ImportReport
            switch kind {
            case .offices:
                report = try OfficeImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .units:
                report = try UnitImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .headcounts:
                report = try HeadcountImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .members:
                report = try MemberImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .targets:
                report = try TargetImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .memberChanges:
                report = try MemberChangeImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .claims:
                report = try ClaimImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .receipts:
                report = try ReceiptImporter(options: options).importFile(url, into: database, context: context, progress: progress)
            case .policies:
                // Imported policies are split by the subsidy rule in force, like any enrollment.
                let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path, context: context,
                                              limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
                let importer = PolicyImporter(options: options, subsidy: runner.subsidy)
                report = try database.write(.commit, hooks: runner) { session in
                    try importer.importFile(url, into: session.connection, context: context, progress: progress)
                }
            }
            bar?.finish()
            Diagnostics.write(Self.listing(report))
            print(report.summary)
            for note in report.notes { print(note) }
        } catch let failure as ImportFailure {
            bar?.finish()
            Diagnostics.write(Self.listing(failure.report) + "huzhu: \(failure.verdict)\n")
            throw ExitCode(1)
        } catch let errors as CSVErrors {
            bar?.finish()
            Diagnostics.write(errors.errors.map { "huzhu: \($0)\n" }.joined())
            throw ExitCode(1)
        } catch {
            bar?.finish()
            throw error
        }
    }

    /// The errors of a report, one per line, capped with `… and N more`.
    static func listing(_ report: ImportReport) -> String {
        var text = report.errors.prefix(listedErrors).map { "\($0)\n" }.joined()
        let more = report.errorCount - min(report.errors.count, listedErrors)
        if more > 0 { text += "… and \(ImportReport.grouped(more)) more\n" }
        return text
    }
}
