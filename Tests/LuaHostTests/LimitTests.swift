import Foundation
import Testing
@testable import LuaHost

@Suite("Limits stop runaway scripts")
struct LimitTests {
    static let small = LuaLimits(memory: 64 << 20, instructions: 5_000_000, timeout: nil, output: 1 << 20)

    func expectLimit(_ source: String, _ kind: LuaError.Kind, limits: LuaLimits = small,
                     message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let host = try CapturingHost(limits: limits)
        let error = try #require(host.failure(source), sourceLocation: sourceLocation)
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        if let message { #expect(error.message == message, sourceLocation: sourceLocation) }
        // The state is usable afterwards.
        #expect(try host.run("return 1 + 1") == [2], sourceLocation: sourceLocation)
    }

    @Test("an endless loop hits the instruction limit")
    func endlessLoop() throws {
        try expectLimit("while true do end", .instructionLimit,
                        message: "test.lua:1: instruction limit of 5000000 exceeded")
    }

    @Test("pcall in a loop cannot swallow the instruction limit")
    func pcallLoop() throws {
        try expectLimit("while true do pcall(function() while true do end end) end", .instructionLimit)
    }

    @Test("pcall cannot swallow the memory limit: the run fails even when the script carries on")
    func pcallMemory() throws {
        let limits = LuaLimits(memory: 32 << 20, instructions: 0, timeout: nil, output: 1 << 20)
        try expectLimit("""
            local ok = pcall(function() local t = {} for i = 1, 1e9 do t[i] = {} end end)
            collectgarbage()
            return "carried on", ok
            """, .memory, limits: limits, message: "memory limit of 32 MiB exceeded")
    }

    @Test("a runaway inside a coroutine hits the instruction limit")
    func coroutineLoop() throws {
        try expectLimit("""
            local co = coroutine.wrap(function() while true do end end)
            while true do pcall(co) end
            """, .instructionLimit)
    }

    @Test("a looping xpcall message handler is not run once the limit is hit")
    func xpcallHandler() throws {
        try expectLimit("""
            while true do
              xpcall(function() while true do end end, function(e) while true do end end)
            end
            """, .instructionLimit)
    }

    @Test("a looping __gc finalizer cannot even be installed")
    func gcFinalizer() throws {
        let host = try CapturingHost(limits: Self.small)
        let error = host.failure("setmetatable({}, {__gc = function() while true do end end}) collectgarbage()")
        #expect(error?.message == "test.lua:1: bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in scripts)")
        // A placeholder __gc added after setmetatable does not mark the table for finalization.
        _ = try host.run("local mt = {} local t = setmetatable({}, mt) mt.__gc = function() while true do end end t = nil collectgarbage()")
    }

    @Test("a table bomb hits the memory limit, with no traceback")
    func tableBomb() throws {
        let host = try CapturingHost(limits: LuaLimits(memory: 32 << 20, instructions: 0))
        let error = try #require(host.failure("local t = {} for i = 1, math.huge do t[i] = {i} end"))
        #expect(error.kind == .memory)
        #expect(error.message == "memory limit of 32 MiB exceeded")
        #expect(error.traceback == nil)
        #expect(error.report == "memory limit of 32 MiB exceeded\n(no traceback: Lua does not run the message handler for memory errors)")
        #expect(try host.run("return #string.rep('x', 1000)") == [1000])
    }

    @Test("string.rep of a gigabyte hits the memory limit; of a terabyte, Lua's own size check")
    func hugeRep() throws {
        try expectLimit(#"local s = string.rep("x", 1 << 30)"#, .memory, message: "memory limit of 64 MiB exceeded")
        try expectLimit(#"local s = string.rep("x", 1 << 40)"#, .runtime, message: "test.lua:1: resulting string too large")
    }

    @Test("endless concatenation hits the memory limit")
    func endlessConcatenation() throws {
        try expectLimit(#"local s = "x" while true do s = s .. s end"#, .memory)
    }

    @Test("deep recursion is a stack overflow error, not a crash")
    func deepRecursion() throws {
        let host = try CapturingHost(limits: LuaLimits(instructions: 0))
        let error = try #require(host.failure("local function f() return 1 + f() end return f()"))
        #expect(error.kind == .runtime)
        #expect(error.message.hasPrefix("test.lua:1: stack overflow"))
    }

    @Test("string.gsub recursion is a C stack overflow error")
    func gsubRecursion() throws {
        let host = try CapturingHost(limits: LuaLimits(instructions: 0))
        let error = try #require(host.failure("local function f(s) return (string.gsub(s, '.', f)) end return f('x')"))
        #expect(error.kind == .runtime)
        #expect(error.message.contains("stack overflow"))
    }

    @Test("a print flood hits the output limit")
    func printFlood() throws {
        let host = try CapturingHost(limits: LuaLimits(instructions: 0, output: 1000))
        let error = try #require(host.failure("while true do print('0123456789') end"))
        #expect(error.kind == .outputLimit)
        #expect(error.message == "test.lua:1: output limit of 1000 bytes exceeded")
        #expect(host.outputCount == 990)   // 90 whole lines of 11 bytes fit under 1000
    }

    @Test("the timeout stops a loop")
    func timeout() throws {
        try expectLimit("while true do end", .timeout,
                        limits: LuaLimits(instructions: 0, timeout: 0.2),
                        message: "test.lua:1: timeout of 0.2 seconds exceeded")
    }

    @Test("cancel from another thread stops the run")
    func cancel() throws {
        let host = try CapturingHost(limits: LuaLimits(instructions: 0))
        let canceller = host.host.canceller
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { canceller.cancel() }
        let error = try #require(host.failure("while true do end"))
        #expect(error.kind == .cancelled)
        #expect(error.message == "test.lua:1: cancelled")
        #expect(try host.run("return 'again'") == ["again"])
    }

    @Test("a cancel between runs stops the next run, and only that one")
    func cancelBeforeRun() throws {
        // The timeout only ends the loop if the cancellation was lost.
        let host = try CapturingHost(limits: LuaLimits(instructions: 0, timeout: 2))
        host.host.canceller.cancel()
        let error = try #require(host.failure("while true do end"))
        #expect(error.kind == .cancelled)
        #expect(error.message == "test.lua:1: cancelled")
        #expect(try host.run("return 'again'") == ["again"])
    }

    @Test("instructions are counted per run, not cumulatively")
    func perRun() throws {
        let host = try CapturingHost(limits: LuaLimits(instructions: 100_000))
        for _ in 0..<5 {
            #expect(try host.run("local n = 0 for i = 1, 10000 do n = n + i end return n") == [50005000])
        }
    }
}
