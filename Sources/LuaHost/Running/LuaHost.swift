import CLua
import CLuaBridge
import Foundation

/// One sandboxed Lua 5.4 state and the Swift functions it can call.
///
/// Lua is entered only through protected calls with a message handler that
/// records a traceback; Swift host functions report errors by return value
/// and a C trampoline raises them after Swift has returned, so a Lua error
/// never unwinds a Swift frame. Every run gets a fresh global environment
/// (see `SandboxPrelude`) and the limits in `limits`.
///
/// ```swift
/// let host = try LuaHost()
/// let values = try host.run("return 1 + 1", name: "sum.lua")   // [.integer(2)]
/// ```
///
/// A host is not thread-safe: use it from one thread at a time. Only its
/// `canceller` may be used from another thread.
public final class LuaHost {
    let L: OpaquePointer
    let control = LuaControl()
    private var newEnvRef: Int32 = LUA_NOREF
    private var modulesRef: Int32 = LUA_NOREF
    private let sink = OutputSink()
    private var openObjects: [WeakObjectBox] = []
    private var openObjectsPruneAt = 1024
    private var resolver = ModuleResolver(root: nil)

    /// Limits applied from the next run on.
    public var limits: LuaLimits

    /// Where `require` finds modules (nil: `require` finds none).
    public var scriptRoot: URL? {
        get { resolver.root }
        set { resolver.root = newValue }
    }

    /// The modules registered so far, in order (for documentation).
    public private(set) var modules: [LuaModule] = []

    /// Receives what `print` writes; by default standard output.
    public var output: (UnsafeRawBufferPointer) -> Void {
        get { sink.write }
        set { sink.write = newValue }
    }

    /// When true, Ctrl-C (SIGINT) interrupts this host's runs; install the
    /// handler with `LuaHost.installInterruptHandler()`.
    public var interruptibleByCtrlC: Bool {
        get { control.block.pointee.watch_sigint != 0 }
        set { control.block.pointee.watch_sigint = newValue ? 1 : 0 }
    }

    /// Stops the current run from any thread.
    public var canceller: LuaCanceller { LuaCanceller(control: control) }

    /// Bytes Lua holds now, and the most it held since the run began.
    public var memoryInUse: Int { control.block.pointee.mem_used }
    public var peakMemory: Int { control.block.pointee.mem_peak }

    /// VM instructions counted in the current run (in steps of the hook period).
    public var instructionsUsed: Int64 { control.block.pointee.instr_used }

    /// Creates a state with the sandboxed standard library.
    ///
    /// - Throws: `LuaError` if the state cannot be created.
    public init(limits: LuaLimits = LuaLimits(), scriptRoot: URL? = nil) throws {
        HostCallbacks.installed
        self.limits = limits
        guard let state = hz_newstate(control.block) else {
            throw LuaError(kind: .memory, message: "cannot create a Lua state: not enough memory")
        }
        L = state
        resolver.root = scriptRoot
        control.block.pointee.out_context = Unmanaged.passUnretained(sink).toOpaque()
        control.block.pointee.out_fn = { context, bytes, length in
            let sink = Unmanaged<OutputSink>.fromOpaque(context!).takeUnretainedValue()
            sink.write(UnsafeRawBufferPointer(start: bytes, count: length))
        }
        luaL_openlibs(L)
        lua_createtable(L, 0, 4)
        modulesRef = luaL_ref(L, hzlua_registryindex())
        try installSandbox()
    }

    deinit {
        lua_close(L)
    }

    /// Installs the process-wide SIGINT handler used by `interruptibleByCtrlC`.
    public static func installInterruptHandler() { hz_install_sigint_handler() }

    /// Forgets earlier Ctrl-Cs (the second one in a run ends the process).
    public static func resetInterrupts() { hz_reset_sigint() }

    private func installSandbox() throws {
        let source = SandboxPrelude.source
        try load(source: source, chunkName: SandboxPrelude.chunkName)   // prelude
        hz_push_print(L)
        hz_push_limit_hit(L)
        HostFunction(name: "require") { [resolver = self.resolverBox] call in
            switch resolver.resolver.resolve(try call.string(1)) {
            case .found(let source, let chunkName):
                call.push(source)
                call.push(chunkName)
            case .failed(let message):
                call.pushNil()
                call.push(message)
            }
            return 2
        }.push(on: L)
        let status = hz_pcall(L, 3, 1)                                    // newenv or message
        guard status == LUA_OK else { throw failure(status: status) }
        newEnvRef = luaL_ref(L, hzlua_registryindex())
    }

    /// The resolver, shared with the `require` host function without a cycle.
    private lazy var resolverBox = ResolverBox(host: self)

    final class ResolverBox {
        weak var host: LuaHost?
        init(host: LuaHost) { self.host = host }
        var resolver: ModuleResolver { host?.resolver ?? ModuleResolver(root: nil) }
    }

    // MARK: - Registration

    /// Makes a module visible to every later run as a global of its name.
    public func register(_ module: LuaModule) throws {
        try LuaStack(L: L).ensure(8)
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(modulesRef))   // modules
        LuaStack(L: L).push(string: module.name)
        try pushTable(of: module)                                         // modules, name, table
        lua_rawset(L, -3)
        hzlua_pop(L, 1)
        modules.append(module)
    }

    private func pushTable(of module: LuaModule) throws {
        let stack = LuaStack(L: L)
        try stack.ensure(6)
        lua_createtable(L, 0, Int32(module.entries.count))
        for entry in module.entries {
            switch entry {
            case .function(let name, _, let body):
                stack.push(string: name)
                HostFunction(name: name, body: body).push(on: L)
                lua_rawset(L, -3)
            case .value(let name, let value, _):
                stack.push(string: name)
                try stack.push(value)
                lua_rawset(L, -3)
            case .module(let sub):
                stack.push(string: sub.name)
                try pushTable(of: sub)
                lua_rawset(L, -3)
            }
        }
    }

    /// Makes a kind of host object known to Lua (before pushing any).
    public func register<T: AnyObject>(_ type: LuaObjectType<T>) throws {
        let stack = LuaStack(L: L)
        try stack.ensure(8)
        type.host = self
        guard luaL_newmetatable(L, type.metatableKey) != 0 else {   // mt
            hzlua_pop(L, 1)
            return
        }
        stack.push(string: type.name)
        lua_setfield(L, -2, "__name")
        lua_pushboolean(L, 0)
        lua_setfield(L, -2, "__metatable")
        hz_push_host_object_gc(L)
        lua_setfield(L, -2, "__gc")
        HostFunction(name: "tostring") { call in
            call.push("\(type.name): " + type.describe(try call.object(1, type)))
        }.push(on: L)
        lua_setfield(L, -2, "__tostring")
        lua_createtable(L, 0, Int32(type.methods.count))          // mt, methods
        for (name, body) in type.methods {
            stack.push(string: name)
            HostFunction(name: name) { call in try body(try call.object(1, type), call) }.push(on: L)
            lua_rawset(L, -3)
        }
        lua_setfield(L, -2, "__index")
        hzlua_pop(L, 1)
    }

    func track(_ box: LuaObjectBox) {
        openObjects.append(WeakObjectBox(box: box))
        if openObjects.count >= openObjectsPruneAt {        // forget collected ones
            openObjects.removeAll { $0.box == nil }
            openObjectsPruneAt = max(1024, openObjects.count * 2)
        }
    }

    /// Closes every host object pushed since the last call: their methods fail from now on.
    public func closeObjects() {
        for weak in openObjects { weak.box?.object = nil }
        openObjects.removeAll()
    }

    // MARK: - Running

    /// Starts a run: resets the instruction, time, memory and output counters to `limits`.
    public func beginRun() {
        hz_control_begin_run(L, limits.instructions, limits.timeout ?? 0, limits.memory, limits.output)
    }

    /// Compiles `source` without running it.
    ///
    /// - Throws: `LuaError` of kind `.syntax`, e.g. `rule.lua:3: 'end' expected near <eof>`.
    public func check(_ source: String, name: String) throws {
        try load(source: source, chunkName: "@" + name)
        hzlua_pop(L, 1)
    }

    /// Compiles `source` as the chunk `name` in a fresh environment (or in
    /// `environment`, to share globals with earlier chunks) and starts a run.
    ///
    /// - Throws: `LuaError` of kind `.syntax`.
    public func load(_ source: String, name: String, in environment: LuaEnvironment? = nil) throws -> LuaScript {
        beginRun()
        return try compile(source, name: name, in: environment)
    }

    /// Compiles `source` like `load`, without starting a run: the counters
    /// and limits of the run in progress go on (a rule compiled while a
    /// script runs).
    public func compile(_ source: String, name: String, in environment: LuaEnvironment? = nil) throws -> LuaScript {
        let env = try environment ?? makeEnvironment()
        try load(source: source, chunkName: "@" + name)                   // chunk
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(env.ref))        // chunk, env
        _ = lua_setupvalue(L, -2, 1)                                       // chunk (_ENV = env)
        let chunkRef = luaL_ref(L, hzlua_registryindex())
        return LuaScript(host: self, name: name, chunkRef: chunkRef, environment: env)
    }

    /// Compiles and runs `source`; returns its results.
    @discardableResult
    public func run(_ source: String, name: String, arguments: [LuaValue] = []) throws -> [LuaValue] {
        try load(source, name: name).run(arguments: arguments)
    }

    /// A fresh global environment for a run.
    public func makeEnvironment() throws -> LuaEnvironment {
        try LuaStack(L: L).ensure(4)
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(newEnvRef))     // newenv
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(modulesRef))    // newenv, modules
        let status = hz_pcall(L, 1, 1)                                     // env or message
        guard status == LUA_OK else { throw failure(status: status) }
        return LuaEnvironment(host: self, ref: luaL_ref(L, hzlua_registryindex()))
    }

    /// Loads a chunk in text mode; leaves it on the stack or throws.
    private func load(source: String, chunkName: String) throws {
        try LuaStack(L: L).ensure(2)
        var text = source.isEmpty ? " " : source
        let status = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(L, chars.baseAddress, chars.count, chunkName, "t")
            }
        }
        guard status == LUA_OK else { throw failure(status: status) }
    }

    /// Calls the function and arguments on top of the stack; returns the results.
    func call(arguments count: Int32, chunk name: String, recordingReturn: Bool = false) throws -> [LuaValue] {
        let base = lua_gettop(L) - count - 1
        let status = recordingReturn ? hz_pcall_recording_return(L, count, LUA_MULTRET) : hz_pcall(L, count, LUA_MULTRET)
        guard status == LUA_OK else { throw failure(status: status) }
        defer { lua_settop(L, base) }
        // A pcall caught a refused allocation and the chunk returned before the next hook: still a failure.
        if control.block.pointee.mem_refused != 0 {
            let limit = control.block.pointee.mem_limit
            control.block.pointee.mem_limit = 0
            _ = hz_collect_garbage(L)
            control.block.pointee.mem_limit = limit
            throw LuaError(kind: .memory, message: "memory limit of \(LuaHost.describe(bytes: limit)) exceeded", traceback: nil)
        }
        let stack = LuaStack(L: L)
        var results: [LuaValue] = []
        var i = base + 1
        while i <= lua_gettop(L) {
            do { results.append(try stack.value(at: i)) } catch {
                throw LuaError(kind: .runtime, message: "\(name): result #\(i - base): \(error)")
            }
            i += 1
        }
        return results
    }

    /// Builds the error for a failed load or call from the message on top
    /// of the stack (which it pops) and the control block's flags.
    func failure(status: Int32) -> LuaError {
        let stack = LuaStack(L: L)
        let message = stack.string(at: -1) ?? "(error object is a \(stack.typeName(at: -1)) value)"
        hzlua_pop(L, 1)
        hz_push_last_traceback(L)
        let traceback = stack.string(at: -1).map(LuaHost.withoutSandboxFrames)
        hzlua_pop(L, 1)
        let c = control.block.pointee
        let error: LuaError
        switch Int(c.hit) {
        case Int(HZ_LIMIT_INSTRUCTIONS.rawValue):
            error = LuaError(kind: .instructionLimit, message: message, traceback: traceback)
        case Int(HZ_LIMIT_TIMEOUT.rawValue):
            error = LuaError(kind: .timeout, message: message, traceback: traceback)
        case Int(HZ_LIMIT_CANCELLED.rawValue), Int(HZ_LIMIT_INTERRUPTED.rawValue):
            error = LuaError(kind: .cancelled, message: message, traceback: traceback)
        case Int(HZ_LIMIT_OUTPUT.rawValue):
            error = LuaError(kind: .outputLimit, message: message, traceback: traceback)
        case Int(HZ_LIMIT_MEMORY.rawValue):
            error = LuaError(kind: .memory, message: "memory limit of \(LuaHost.describe(bytes: c.mem_limit)) exceeded",
                             traceback: nil)
        default:
            if status == LUA_ERRMEM || (c.mem_refused != 0 && status == LUA_ERRERR) {
                let text = c.mem_refused != 0
                    ? "memory limit of \(LuaHost.describe(bytes: c.mem_limit)) exceeded"
                    : "not enough memory"
                error = LuaError(kind: .memory, message: text, traceback: nil)
            } else if status == LUA_ERRSYNTAX {
                error = LuaError(kind: .syntax, message: message, traceback: nil)
            } else {
                error = LuaError(kind: .runtime, message: message, traceback: traceback)
            }
        }
        if status == LUA_ERRMEM || c.mem_refused != 0 {
            control.block.pointee.mem_limit = 0      // let the collector and the next run breathe
            _ = hz_collect_garbage(L)
            control.block.pointee.mem_limit = c.mem_limit
        }
        return error
    }

    /// Drops the traceback lines of the sandbox's own Lua code.
    static func withoutSandboxFrames(_ traceback: String) -> String {
        traceback.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\t[sandbox]:") }
            .joined(separator: "\n")
    }

    static func describe(bytes: Int) -> String {
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// The process's buffered standard output, where a host's `print` goes by
/// default and where Swift's `print` writes too (so their order holds).
public enum StandardOutput {
    /// Writes bytes.
    public static func write(_ bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress { hz_write_stdout(base, bytes.count) }
    }

    /// Flushes what is buffered.
    public static func flush() {
        hz_flush_stdout()
    }
}

/// Where `print` output goes; its address is the C callback's context.
final class OutputSink {
    var write: (UnsafeRawBufferPointer) -> Void = { buffer in
        StandardOutput.write(buffer)
    }
}
