import Testing
@testable import LuaHost

/// Counts live instances, to prove that Swift frames are unwound normally.
final class Tracked {
    nonisolated(unsafe) static var live = 0
    nonisolated(unsafe) static var deinitialised = 0
    init() { Tracked.live += 1 }
    deinit {
        Tracked.live -= 1
        Tracked.deinitialised += 1
    }
}

/// Like `Tracked`, used only by the collection test (tests run in parallel).
final class Collected {
    nonisolated(unsafe) static var live = 0
    init() { Collected.live += 1 }
    deinit { Collected.live -= 1 }
}

struct Refusal: Error, CustomStringConvertible {
    var description: String { "E503 policy refused" }
}

final class Account {
    var balance: Int64
    init(balance: Int64) { self.balance = balance }
}

func testModule() -> LuaModule {
    var m = LuaModule("t")
    m.function("add") { call in call.push(try call.integer(1) + call.integer(2)) }
    m.function("get") { call in call.push("got " + (try call.string(2))) }
    m.function("fail") { _ in throw Refusal() }
    m.function("hold_and_throw") { _ in
        let held = Tracked()
        withExtendedLifetime(held) {}
        throw Refusal()
    }
    m.function("echo") { call in try call.push(try call.value(1)) }
    m.function("fields") { call in
        let t = try call.table(1)
        return call.push(t.keys.sorted().joined(separator: ","))
    }
    var sub = LuaModule("inner")
    sub.function("twice") { call in call.push(try call.integer(1) * 2) }
    sub.value("answer", 42)
    m.module(sub)
    return m
}

@Suite("Swift functions called from Lua")
struct HostFunctionTests {
    @Test("a host function returns values into Lua")
    func returnsValues() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        #expect(try host.run("return t.add(2, 3), t.inner.twice(21), t.inner.answer") == [5, 42, 42])
        #expect(try host.run("return t.echo({a = {1, 2}})") == [["a": [1, 2]]])
    }

    @Test("a Swift throw becomes a Lua error at the calling line, catchable by pcall")
    func throwCaughtByPcall() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        let results = try host.run("""
            local ok, err = pcall(function()
              return t.fail()
            end)
            return ok, err
            """, name: "rule.lua")
        #expect(results == [false, "rule.lua:2: E503 policy refused"])
    }

    @Test("an uncaught Swift throw reaches Swift as a LuaError with script, line and traceback")
    func throwReachesSwift() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        let error = try #require(host.failure("local x = 1\nt.fail()\n", name: "subsidy.lua"))
        #expect(error.kind == .runtime)
        #expect(error.message == "subsidy.lua:2: E503 policy refused")
        #expect(error.script == "subsidy.lua")
        #expect(error.line == 2)
        #expect(error.traceback == """
            stack traceback:
            \t[C]: in field 'fail'
            \tsubsidy.lua:2: in main chunk
            """)
    }

    @Test("bad arguments are reported in Lua's words")
    func badArguments() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        #expect(host.failure("t.get(1)")?.message == "test.lua:1: bad argument #2 to 'get' (string expected, got no value)")
        #expect(host.failure("t.get(1, nil)")?.message == "test.lua:1: bad argument #2 to 'get' (string expected, got nil)")
        #expect(host.failure("t.add(1.5, 2)")?.message == "test.lua:1: bad argument #1 to 'add' (number has no integer representation)")
        #expect(host.failure("t.add({}, 2)")?.message == "test.lua:1: bad argument #1 to 'add' (number expected, got table)")
        #expect(host.failure("t.fields({1, 2})")?.message == "test.lua:1: bad argument #1 to 'fields' (table with named fields expected, got an array)")
        #expect(host.failure("local t2 = {} t2.x = t2 t.echo(t2)")?.message == "test.lua:1: bad argument #1 to 'echo' (cannot convert a table that contains itself)")
        #expect(try host.run("return t.add(2.0, '3')") == [5])   // exact floats and numeric strings convert
    }

    @Test("no longjmp crosses Swift: 10,000 throwing calls under pcall deinitialise every instance")
    func longjmpSafety() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        let before = Tracked.deinitialised
        let results = try host.run("""
            local failures = 0
            for i = 1, 10000 do
              local ok, err = pcall(t.hold_and_throw)
              if not ok then failures = failures + 1 end
            end
            return failures
            """)
        #expect(results == [10000])
        #expect(Tracked.deinitialised - before == 10000)
        #expect(Tracked.live == 0)
    }

    @Test("a Lua error inside a Lua callback of the script does not disturb later host calls")
    func hostCallsAfterErrors() throws {
        let host = try CapturingHost()
        try host.host.register(testModule())
        _ = host.failure("error('first')")
        #expect(try host.run("return t.add(1, 1)") == [2])
    }
}

@Suite("Host objects as userdata")
struct HostObjectTests {
    func makeHost() throws -> (CapturingHost, LuaObjectType<Account>) {
        let host = try CapturingHost()
        let type = LuaObjectType<Account>(name: "Account") { "balance \($0.balance)" }
        type.method("balance") { account, call in call.push(account.balance) }
        type.method("deposit") { account, call in
            account.balance += try call.integer(2)
            return 0
        }
        try host.host.register(type)
        var m = LuaModule("bank")
        m.function("open") { call in try call.push(Account(balance: try call.integer(1)), as: type) }
        try host.host.register(m)
        return (host, type)
    }

    @Test("methods, __tostring and a hidden metatable")
    func methods() throws {
        let (host, _) = try makeHost()
        let results = try host.run("""
            local a = bank.open(100)
            a:deposit(50)
            return a:balance(), tostring(a), getmetatable(a), type(a)
            """)
        #expect(results == [150, "Account: balance 150", false, "userdata"])
        #expect(host.failure("local a = bank.open(1) setmetatable(a, {})")?.message
            == "test.lua:1: bad argument #1 to 'setmetatable' (table expected, got Account)")
    }

    @Test("a method on the wrong object or a closed one fails cleanly")
    func wrongOrClosed() throws {
        let (host, _) = try makeHost()
        #expect(host.failure("local a = bank.open(1) a.balance({})")?.message
            == "test.lua:1: bad argument #1 to 'balance' (Account expected, got table)")
    }

    @Test("closing objects makes their methods fail with a clear message")
    func closedObjects() throws {
        let (host, _) = try makeHost()
        let env = try host.host.makeEnvironment()
        _ = try host.host.load("acct = bank.open(7)", name: "a.lua", in: env).run()
        host.host.closeObjects()
        let error = try #require(throws: LuaError.self) {
            try host.host.load("return acct:balance()", name: "b.lua", in: env).run()
        }
        #expect(error.message == "b.lua:1: bad argument #1 to 'balance' (Account is closed)")
    }

    @Test("collection releases the Swift object")
    func collectionReleases() throws {
        let (host, _) = try makeHost()
        var m = LuaModule("track")
        let type = LuaObjectType<Collected>(name: "Collected") { _ in "" }
        try host.host.register(type)
        m.function("new") { call in try call.push(Collected(), as: type) }
        m.function("live") { call in call.push(Int64(Collected.live)) }
        try host.host.register(m)
        let results = try host.run("""
            local kept = {}
            for i = 1, 100 do kept[i] = track.new() end
            local before = track.live()
            kept = nil
            collectgarbage('collect') collectgarbage('collect')
            return before, track.live()
            """)
        #expect(results == [100, 0])
    }
}
