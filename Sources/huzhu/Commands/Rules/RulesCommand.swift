import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu rules list|show|activate`: the versioned rule scripts of a workspace.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Register and inspect versioned rule scripts (subsidy, …).",
        discussion: """
            A rule is registered by name with its full text, SHA-256, the date it takes \
            effect and the operator. The version in force on a decision's date decides, \
            and each decision records it. Old versions stay readable forever.
            """,
        subcommands: [List.self, Show.self, Activate.self, Test.self, Replay.self, Apply.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every version of every rule; * marks the one in force today.")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let workspace = try workspaceOptions.open()
            let database = try workspace.openDatabase()
            let today = workspace.today
            let rows: [[String]] = try database.read { db in
                let rules = RuleService()
                return try rules.names(db).flatMap { name -> [[String]] in
                    let inForce = try rules.version(db, name: name, on: today)?.id
                    return try rules.versions(db, name: name).map { v in
                        [v.id == inForce ? "*" : " ", v.name, v.shortHash, v.effectiveFrom.description, v.operatorName, v.registeredAt]
                    }
                }
            }
            guard !rows.isEmpty else {
                print("no rules registered; activate one with `huzhu rules activate NAME FILE --from DATE`")
                return
            }
            print(TextTable.render(header: [" ", "rule", "version", "from", "operator", "registered"], rows: rows))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a rule version's text (default: the one in force today).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name.") var name: String
        @Option(help: ArgumentHelp("The version (a prefix of its SHA-256).", valueName: "hash")) var version: String?
        @Option(help: ArgumentHelp("The version in force on this date (YYYY-MM-DD).", valueName: "date")) var on: String?

        func run() throws {
            let workspace = try workspaceOptions.open()
            let date = try on.map { try CivilDate(parsing: $0) } ?? workspace.today
            let found: RuleVersion? = try workspace.openDatabase().read { db in
                let rules = RuleService()
                if let version { return try rules.versions(db, name: name).last { $0.sha256.hasPrefix(version.lowercased()) } }
                return try rules.version(db, name: name, on: date)
            }
            guard let found else {
                throw DataError(version.map { "rule \(name) has no version \($0)" } ?? "rule \(name) has no version in force on \(date)")
            }
            print("-- \(found.name) \(found.shortHash), in force from \(found.effectiveFrom), registered by \(found.operatorName) at \(found.registeredAt)")
            print(found.text, terminator: found.text.hasSuffix("\n") ? "" : "\n")
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register FILE as the version of rule NAME in force from a date.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name (subsidy, …).") var name: String
        @Argument(help: "The Lua file with the rule.") var file: String
        @Option(help: ArgumentHelp("The first business day it decides (YYYY-MM-DD).", valueName: "date")) var from: String

        func validate() throws {
            guard (try? CivilDate(parsing: from)) != nil else { throw ValidationError("--from must be a date YYYY-MM-DD (got \(from))") }
            try ScriptFile.validateReadable(file)
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let text = try ScriptFile.read(file)
            do {
                try LuaHost().check(text, name: file)
            } catch let error as LuaError {
                throw DataError("\(file) does not compile: \(error.message)")
            }
            let hash = ScriptRunner.sha256(text)
            let version = try workspace.openDatabase().write(.commit) { session in
                try session.services.rules.activate(session.connection, name: name, text: text, sha256: hash,
                                                    effectiveFrom: try CivilDate(parsing: from),
                                                    context: workspaceOptions.context(in: workspace))
            }
            print("rule \(version.name) version \(version.shortHash) in force from \(version.effectiveFrom)")
        }
    }
}
