import Foundation
import Testing
@testable import HuzhuCore

/// Broken `huzhu.toml` files: each is refused with every problem named
/// (file, then the key path or the line and column of a syntax error).
/// The [[jobs]] and [schedule] fields are covered in ScheduleConfigTests;
/// these are the syntax errors, the top-level keys and [limits].
@Suite("Bad input: huzhu.toml")
struct BadConfigTests {
    static let file = "/ws/huzhu.toml"

    @Test("each broken file is refused with its exact problems", arguments: [
        // Syntax.
        ("operator = \"x\nname = 1\n", "/ws/huzhu.toml: 1:14: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited"),
        ("operator = \"x\"\n[limits\ntimeout = 1\n", "/ws/huzhu.toml: 2:8: Error while parsing table header: expected ']', saw '\\n'"),
        ("operator = \"x\"\noperator = \"y\"\n", "/ws/huzhu.toml: 2:12: Error while parsing key-value pair: cannot redefine existing string 'operator'"),
        ("= 1\n", "/ws/huzhu.toml: 1:1: Error while parsing root table: expected keys, tables, whitespace or comments, saw '='"),
        // Top-level keys.
        ("", "/ws/huzhu.toml: operator: missing (who writes, for the audit trail)"),
        ("operator = 7\n", "/ws/huzhu.toml: operator: expected a non-empty string"),
        ("operator = \"  \"\n", "/ws/huzhu.toml: operator: expected a non-empty string"),
        ("operator = \"x\"\ncolour = \"red\"\n", "/ws/huzhu.toml: unknown key 'colour'"),
        ("operator = \"x\"\ntimezone = \"Mars/Base\"\n", "/ws/huzhu.toml: timezone: expected a time zone name such as \"Asia/Shanghai\""),
        ("operator = \"x\"\ntimezone = 8\n", "/ws/huzhu.toml: timezone: expected a time zone name such as \"Asia/Shanghai\""),
        ("operator = \"x\"\ntoday = \"2026-02-30\"\n", "/ws/huzhu.toml: today: expected a date YYYY-MM-DD"),
        ("operator = \"x\"\ntoday = 20260930\n", "/ws/huzhu.toml: today: expected a date YYYY-MM-DD"),
        // [limits]: wrong types and ranges.
        ("operator = \"x\"\nlimits = 5\n", "/ws/huzhu.toml: limits: expected a table"),
        ("operator = \"x\"\n[limits]\ntimeout = \"600\"\n", "/ws/huzhu.toml: limits.timeout: expected a positive number of seconds"),
        ("operator = \"x\"\n[limits]\ntimeout = 0\n", "/ws/huzhu.toml: limits.timeout: expected a positive number of seconds"),
        ("operator = \"x\"\n[limits]\ntimeout = nan\n", "/ws/huzhu.toml: limits.timeout: expected a positive number of seconds"),
        // An infinite timeout was accepted before (jobs' timeout already refused it).
        ("operator = \"x\"\n[limits]\ntimeout = inf\n", "/ws/huzhu.toml: limits.timeout: expected a positive number of seconds"),
        ("operator = \"x\"\n[limits]\nmax_memory_mib = 1.5\n", "/ws/huzhu.toml: limits.max_memory_mib: expected a positive integer"),
        ("operator = \"x\"\n[limits]\nmax_memory_mib = 0\n", "/ws/huzhu.toml: limits.max_memory_mib: expected a positive integer"),
        ("operator = \"x\"\n[limits]\nmax_memory_mib = \"512\"\n", "/ws/huzhu.toml: limits.max_memory_mib: expected a positive integer"),
        ("operator = \"x\"\n[limits]\nmax_instructions = -1\n", "/ws/huzhu.toml: limits.max_instructions: expected a non-negative integer"),
        ("operator = \"x\"\n[limits]\nmax_instructions = 1e9\n", "/ws/huzhu.toml: limits.max_instructions: expected a non-negative integer"),
        ("operator = \"x\"\n[limits]\nmax_instructions = true\n", "/ws/huzhu.toml: limits.max_instructions: expected a non-negative integer"),
        ("operator = \"x\"\n[limits]\nmemory = 512\n", "/ws/huzhu.toml: limits.memory: unknown key"),
        ("operator = \"x\"\n[limits]\nwait = -1\n", "/ws/huzhu.toml: limits.wait: expected a non-negative number of seconds"),
        ("operator = \"x\"\n[limits]\nwait = \"60\"\n", "/ws/huzhu.toml: limits.wait: expected a non-negative number of seconds"),
        // [[jobs]] fields of the wrong type.
        ("operator = \"x\"\n[[jobs]]\nname = 1\nscript = 2\ncron = 3\n",
         "/ws/huzhu.toml: jobs[1].name: expected a string\n/ws/huzhu.toml: jobs[1].script: expected a string\n/ws/huzhu.toml: jobs[1].cron: expected a string"),
        ("operator = \"x\"\n[[jobs]]\nname = \"a\"\nscript = \"scripts/jobs/a.lua\"\ncron = \"0 2 * * *\"\ntimeout = \"60\"\nargs = \"x\"\noverlap = 1\ncatch_up = true\noutput = 5\n",
         "/ws/huzhu.toml: jobs[1].overlap: expected a string\n/ws/huzhu.toml: jobs[1].catch_up: expected a string\n/ws/huzhu.toml: jobs[1].timeout: expected a positive number of seconds\n/ws/huzhu.toml: jobs[1].args: expected an array of strings\n/ws/huzhu.toml: jobs[1].output: expected a string"),
        // Several problems at once, in order.
        ("operator = 1\ncolour = 2\n[limits]\ntimeout = -5\nmax_memory_mib = -1\n",
         "/ws/huzhu.toml: unknown key 'colour'\n/ws/huzhu.toml: operator: expected a non-empty string\n/ws/huzhu.toml: limits.timeout: expected a positive number of seconds\n/ws/huzhu.toml: limits.max_memory_mib: expected a positive integer"),
    ])
    func broken(text: String, message: String) {
        do {
            _ = try WorkspaceConfig.parse(text, file: Self.file)
            Issue.record("parsed: \(text)")
        } catch {
            #expect("\(error)" == message, "\(text)")
        }
    }
}
