import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu plans check|apply|show|export`: the union's plans and terms as plans.toml.
struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Set up plans and their terms from a reviewable plans.toml (docs/plans.md).",
        discussion: """
            Each term carries its own rules (price, eligibility, benefits, caps, claim windows, \
            group rule, refund and leaving rules); a term with policies keeps them: a change is a new term. \
            Example: huzhu plans apply plans.toml --dry-run
            """,
        subcommands: [Check.self, Apply.self, Show.self, Export.self]
    )

    /// Reads FILE and checks it field by field, `like` reaching stored terms of the workspace.
    static func read(_ file: String, database: HuzhuDatabase) throws -> [PlanDefinition] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw PlansError(description: "cannot read \(file): \((error as NSError).localizedDescription)")
        }
        return try database.read { session in
            try PlansFile.parse(text, file: file) { code, label in
                (try? session.services.plans.term(session.connection, planCode: code, label: label))??.rules
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a plans.toml and say what applying it would change, writing nothing.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("The plans file.", valueName: "file")) var file: String

        func run() throws {
            try PlansCommand.reporting { try check() }
        }

        func check() throws {
            let workspace = try workspaceOptions.open()
            let database = try workspace.openDatabase()
            let definitions = try PlansCommand.read(file, database: database)
            let context = workspaceOptions.context(in: workspace, script: file)
            let changes = try database.write(.dryRun) { session in
                try session.services.plans.apply(session.connection, definitions, context: context)
            }
            let terms = definitions.reduce(0) { $0 + $1.terms.count }
            print("\(file): \(definitions.count) \(definitions.count == 1 ? "plan" : "plans"), \(terms) \(terms == 1 ? "term" : "terms"), valid")
            PlansCommand.printChanges(changes, would: true)
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create and change plans and terms as a plans.toml says (all or nothing).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("The plans file.", valueName: "file")) var file: String
        @Flag(name: .customLong("dry-run"), help: "Say what would change and write nothing.") var dryRun = false

        func run() throws {
            try PlansCommand.reporting { try apply() }
        }

        func apply() throws {
            let workspace = try workspaceOptions.open()
            let database = try workspace.openDatabase()
            let definitions = try PlansCommand.read(file, database: database)
            let context = workspaceOptions.context(in: workspace, script: file)
            let changes = try database.write(dryRun ? .dryRun : .commit) { session in
                try session.services.plans.apply(session.connection, definitions, context: context)
            }
            PlansCommand.printChanges(changes, would: dryRun)
            if dryRun { print("dry run: nothing was written") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the plans and each term's rules (one plan with CODE).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("A plan's code.", valueName: "code")) var code: String?

        func run() throws {
            let workspace = try workspaceOptions.open()
            let definitions = try workspace.openDatabase().read { session in
                try session.services.plans.definitions(session.connection, code: code)
            }
            if let code, definitions.isEmpty { throw PlansError(description: "no plan \(code); `huzhu plans show` lists them") }
            if definitions.isEmpty { print("no plans yet; write them in plans.toml and run `huzhu plans apply plans.toml`"); return }
            for definition in definitions {
                let plan = definition.plan
                print("\(plan.code) \(plan.name) (\(PlanFieldDecoder.name(of: plan.kind)))"
                      + (plan.exclusiveGroup.map { ", exclusive group \($0)" } ?? ""))
                if definition.terms.isEmpty { print("  no terms") }
                for term in definition.terms {
                    print("  term \(term.label): \(term.start) to \(term.end)")
                    for field in PlanRulesFields.all {
                        let value = field.value(term.rules)
                        if !value.isEmpty { print("    \(field.name.padding(toLength: 21, withPad: " ", startingAt: 0)) \(value)") }
                    }
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write today's plans and terms as plans.toml (applying it changes nothing).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(name: .customLong("out"), help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let workspace = try workspaceOptions.open()
            let definitions = try workspace.openDatabase().read { session in
                try session.services.plans.definitions(session.connection)
            }
            let text = PlansFile.render(definitions, header: [
                "Plans and terms of \(workspace.root.lastPathComponent), exported \(workspace.today) (docs/plans.md).",
                "Money in yuan, ratio in percent, windows in days. Apply with: huzhu plans apply FILE",
            ])
            if let out {
                try OutputFile.write(Data(text.utf8), to: URL(fileURLWithPath: out), workspace: workspace.root)
                print("wrote \(definitions.count) \(definitions.count == 1 ? "plan" : "plans") to \(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }

    /// Prints every failure of a refused file or apply, one `huzhu:` line each, and exits 1.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as HuzhuCore.ValidationError {
            Diagnostics.write(error.failures.map { "huzhu: \($0)\n" }.joined())
            Diagnostics.write("huzhu: nothing was written\n")
            throw ExitCode(1)
        }
    }

    static func printChanges(_ changes: [String], would: Bool) {
        if changes.isEmpty { print(would ? "nothing would change" : "nothing changed"); return }
        for line in changes { print((would ? "would: " : "") + line) }
    }
}

/// A plans command's error about a file or a name (exit 1).
struct PlansError: Error, CustomStringConvertible {
    var description: String
}
