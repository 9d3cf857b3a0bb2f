import Foundation
import HuzhuCore
import LuaHost

/// The REPL's engine, without a terminal: feed it lines, get back what to show.
///
/// Lua input follows `lua.c`: each complete input is tried as `return
/// <input>` first (its values are printed), else as statements; while the
/// syntax error ends at `<eof>` more lines are read. `=expr` prints too, a
/// trailing `;` prints nothing, and the first value is kept in `_`. Each
/// input runs in its own transaction (rolled back under `.dry on`), in one
/// environment shared by the whole session.
///
/// ```swift
/// let session = try ReplSession(runner: runner)
/// session.feed("x = 20")          // .init(output: "")
/// session.feed("=x + 1")          // .init(output: "21")
/// ```
public final class ReplSession {
    /// What one line produced.
    public struct Response: Equatable {
        /// Text to print on standard output (may be empty).
        public var output: String = ""
        /// An error message for standard error, if the input failed.
        public var error: String?
        /// The input is incomplete; read another line.
        public var needsMore = false
        /// `.quit` was typed.
        public var quit = false
        /// A complete input (possibly several lines), for history.
        public var completedInput: String?
    }

    public enum Mode: Equatable { case lua, sql }

    public let runner: ScriptRunner
    let environment: LuaEnvironment
    private let prelude: LuaScript
    private var buffer: [String] = []
    public private(set) var mode = Mode.lua
    /// Roll back every input (`.dry on`).
    public private(set) var dryRun = false
    /// Resident IDs and phone numbers are masked in everything shown (`.unmask` turns it off).
    public private(set) var masking = true

    /// The scope the session started with: `.scope` moves within it, never beyond.
    private let outerScope: Scope

    public init(runner: ScriptRunner) throws {
        self.runner = runner
        outerScope = runner.scope
        environment = try runner.host.makeEnvironment()
        prelude = try runner.host.load(ReplPrelude.source, name: "repl", in: environment)
        try prelude.run()
        // What `print` writes in the session is shown as the session's values are.
        runner.host.output = { [unowned self] bytes in
            let text = self.shown(String(decoding: bytes, as: UTF8.self))
            text.utf8CString.withUnsafeBytes { StandardOutput.write(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
    }

    /// Text as the session shows it: control characters escaped (line breaks
    /// and tabs, which separate values, kept; table cells are escaped one by
    /// one before), resident IDs and
    /// phone numbers masked unless `.unmask`.
    public func shown(_ text: String) -> String {
        let safe = TerminalText.escaped(text, keepingLineBreaks: true, keepingTabs: true)
        return masking ? PersonalNumbers.masked(in: safe) : safe
    }

    /// The prompt for the next line.
    public var prompt: String {
        if !buffer.isEmpty { return "   ...> " }
        let scope = runner.scope.unitCode.map { "[\($0)]" } ?? ""
        return (mode == .sql ? "sql" : "huzhu") + scope + (dryRun ? "(dry)" : "") + "> "
    }

    /// `.scope UNIT|off`: a unit visible from the session's own scope, or back to that scope.
    private func changeScope(to word: String) -> Response {
        if word == "off" {
            runner.setScope(outerScope)
            guard let outer = outerScope.unitCode else { return Response(output: "scope: everything") }
            return Response(output: "scope: \(outer) and its subtree (this session's own scope)")
        }
        let visible: Bool
        do {
            visible = try runner.database.read { db in try Services(scope: outerScope).units.unit(db, code: word) != nil }
        } catch {
            return Response(error: Self.message(error))
        }
        guard visible else {
            guard let outer = outerScope.unitCode else { return Response(error: "unknown unit \(word)") }
            return Response(error: "no unit \(word) in this session's scope \(outer); .scope moves within \(outer) only")
        }
        runner.setScope(.unit(word))
        return Response(output: "scope: \(word) and its subtree")
    }

    /// Handles one line of input.
    public func feed(_ line: String) -> Response {
        if buffer.isEmpty, line.hasPrefix(".") { return meta(line) }
        if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).isEmpty { return Response() }
        if mode == .sql { return sql(line) }
        buffer.append(line)
        let input = buffer.joined(separator: "\n")
        do {
            let outcome = try runner.run(source: "return __huzhu_repl.eval(...)", name: "repl", arguments: [.string(input)],
                                         dryRun: dryRun, in: environment, audited: (name: "repl", text: input))
            if outcome.results.first == "more" { return Response(needsMore: true) }
            buffer.removeAll()
            var response = Response(completedInput: input)
            if outcome.results.count > 1, case .string(let text) = outcome.results[1] { response.output = shown(text) }
            if dryRun, !outcome.changes.isEmpty {
                response.output += (response.output.isEmpty ? "" : "\n") + "(dry: rolled back " + outcome.changes
                    .map { "\($0.tableName) \($0.count) \($0.action == "insert" ? "added" : "changed")" }.joined(separator: ", ") + ")"
            }
            return response
        } catch {
            buffer.removeAll()
            return Response(error: shown(Self.message(error)), completedInput: input)
        }
    }

    /// `.unmask`: full numbers from now on, recorded in the audit trail first
    /// (operator, time, scope) so that who saw them can be answered later.
    private func unmask() -> Response {
        let scope = runner.scope.unitCode ?? "everything"
        do {
            try runner.run(source: "return true", name: "repl", audited: (name: "repl", text: ".unmask")) { [runner] db, _ in
                try AuditLog.record(db, context: runner.state.context, action: "unmask", operation: "repl.unmask",
                                    table: "member", rowKey: scope, summary: ["scope": .text(scope)])
            }
        } catch {
            return Response(error: "cannot record the unmasking in the audit trail, so IDs stay masked: " + Self.message(error))
        }
        masking = false
        return Response(output: "masking off: resident IDs and phone numbers are shown in full (recorded in the audit trail); .mask to hide them")
    }

    /// True while a multi-line input is incomplete.
    public var hasPendingInput: Bool { !buffer.isEmpty }

    /// Drops a half-typed multi-line input (Ctrl-C at a continuation prompt).
    public func discardPending() { buffer.removeAll() }

    /// Completions for the word being typed (globals, `huzhu.` names, table keys).
    public func complete(_ prefix: String) -> [String] {
        let script = try? runner.host.load("return __huzhu_repl.complete(...)", name: "repl", in: environment)
        guard let values = try? script?.run(arguments: [.string(prefix)]), case .array(let items)? = values.first else { return [] }
        return items.compactMap(\.stringValue)
    }

    private func sql(_ line: String) -> Response {
        do {
            let outcome = try runner.run(source: "return __huzhu_repl.sql(...)", name: "repl", arguments: [.string(line)],
                                         dryRun: true, in: environment, audited: (name: "repl", text: line))
            // Rows come from the data: each cell was escaped on its own line by the prelude.
            return Response(output: shown(outcome.results.first?.stringValue ?? ""), completedInput: line)
        } catch {
            return Response(error: shown(Self.message(error)), completedInput: line)
        }
    }

    static func message(_ error: Error) -> String {
        if let error = error as? LuaError { return error.message }
        return "\(error)"
    }

    public static let help = """
        Lua statements and expressions; `=expr` prints, a trailing `;` prints nothing, `_` is the last value.
        .help            this text
        .sql             read lines as read-only SQL (shown as tables) until .lua
        .lua             back to Lua
        .dry on|off      roll back every input (now: shows what would change)
        .scope UNIT|off  see and change only UNIT's subtree
        .unmask          show resident IDs and phone numbers in full (recorded in the audit trail)
        .mask            mask them again (the default: 340104********1234, 138****5678)
        .load FILE       run a Lua file in this session
        .quit            leave (or Ctrl-D)
        """

    private func meta(_ line: String) -> Response {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch words.first {
        case ".help": return Response(output: Self.help)
        case ".quit", ".exit": return Response(quit: true)
        case ".sql":
            mode = .sql
            return Response(output: "SQL mode: each line is read-only SQL; .lua to return")
        case ".lua":
            mode = .lua
            return Response()
        case ".dry":
            guard words.count == 2, words[1] == "on" || words[1] == "off" else { return Response(error: "usage: .dry on|off") }
            dryRun = words[1] == "on"
            return Response(output: dryRun ? "dry run on: every input is rolled back" : "dry run off")
        case ".unmask": return unmask()
        case ".mask":
            masking = true
            return Response(output: "masking on: resident IDs and phone numbers are masked")
        case ".scope":
            guard words.count == 2 else { return Response(error: "usage: .scope UNIT|off") }
            return changeScope(to: words[1])
        case ".load":
            guard words.count == 2 else { return Response(error: "usage: .load FILE") }
            guard let data = FileManager.default.contents(atPath: words[1]) else { return Response(error: "cannot read \(words[1])") }
            let source = String(decoding: data, as: UTF8.self)
            do {
                try runner.run(source: source, name: words[1], dryRun: dryRun, in: environment)
                return Response(completedInput: line)
            } catch {
                return Response(error: shown(Self.message(error)), completedInput: line)
            }
        default:
            return Response(error: "unknown command \(words.first ?? line); .help lists them")
        }
    }
}
