import Foundation
import Testing

/// Help at every level of the command tree, as a new user asks for it.
@Suite("Help for every command")
struct HelpTests {
    /// A command of the tree: its words after `huzhu`, and whether it only groups others.
    struct Command: CustomStringConvertible {
        var words: [String]
        var isGroup: Bool
        var description: String { (["huzhu"] + words).joined(separator: " ") }
    }

    /// Every command of the tree, read from the parser's own description of it.
    static func tree() throws -> [Command] {
        let result = try CLI.run(["--experimental-dump-help"])
        guard result.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let root = json["command"] as? [String: Any]
        else { throw CocoaError(.coderReadCorrupt) }
        var commands: [Command] = []
        func walk(_ node: [String: Any], _ words: [String]) {
            let children = node["subcommands"] as? [[String: Any]] ?? []
            commands.append(Command(words: words, isGroup: !children.isEmpty && node["defaultSubcommand"] == nil))
            for child in children {
                if let name = child["commandName"] as? String { walk(child, words + [name]) }
            }
        }
        walk(root, [])
        return commands
    }

    static func expectHelp(_ result: CLIResult, of command: Command, asked: String) {
        let usage = "USAGE: " + command.description
        #expect(result.status == 0, "\(asked) exited \(result.status): \(result.stderr)")
        #expect(result.stdout.contains(usage), "\(asked) printed no '\(usage)': \(result.stdout.prefix(200))")
        #expect(!(result.stdout + result.stderr).contains("CommandError"), "\(asked): \(result.stderr)")
        #expect(result.stderr.isEmpty, "\(asked) wrote to standard error: \(result.stderr)")
    }

    @Test("the tree has every command a user reads about")
    func treeIsComplete() throws {
        let names = Set(try Self.tree().map(\.description))
        for expected in ["huzhu", "huzhu import", "huzhu run", "huzhu rules apply", "huzhu schedule run", "huzhu claims overdue",
                         "huzhu explain policy", "huzhu ledger check", "huzhu report", "huzhu doctor"] {
            #expect(names.contains(expected), "\(expected) missing from \(names.sorted())")
        }
    }

    @Test("--help, -h and 'help NAME' exit 0 and print that command's usage, at every level")
    func everyLevel() throws {
        for command in try Self.tree() where command.words != ["help"] {
            Self.expectHelp(try CLI.run(command.words + ["--help"]), of: command, asked: "\(command) --help")
            Self.expectHelp(try CLI.run(command.words + ["-h"]), of: command, asked: "\(command) -h")
            Self.expectHelp(try CLI.run(["help"] + command.words), of: command, asked: "huzhu help \(command.words.joined(separator: " "))")
        }
    }

    @Test("a bare group command prints its help and exits 0")
    func bareGroups() throws {
        let groups = try Self.tree().filter(\.isGroup)
        #expect(groups.map(\.description).contains("huzhu rules"))
        for command in groups {
            Self.expectHelp(try CLI.run(command.words), of: command, asked: command.description)
        }
    }

    @Test("help for a command that does not exist is a usage error")
    func unknownCommand() throws {
        for arguments in [["help", "nosuch"], ["nosuch"], ["rules", "nosuch"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status)")
            #expect(result.stderr.contains("nosuch"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("See 'huzhu"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("CommandError"), "\(arguments): \(result.stderr)")
        }
    }
}
