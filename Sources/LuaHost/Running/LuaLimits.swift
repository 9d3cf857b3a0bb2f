/// The limits of one run. Each is configurable; zero or nil means none.
///
/// The memory limit counts every byte Lua allocates. It is enforced while
/// Lua code runs; while a Swift host function runs, Lua allocations it
/// makes (pushing results, building tables) are counted but never refused,
/// because a refusal raises a Lua error and that must not unwind Swift
/// frames. The next allocation by Lua code then fails instead.
///
/// The instruction budget and the timeout are checked by a count hook every
/// 1,000 VM instructions. A C function (a pathological `string.find`
/// pattern, say) runs without VM instructions and cannot be interrupted by
/// the hook; the CLI enforces `--timeout` with a process-level watchdog.
public struct LuaLimits: Equatable, Sendable {
    /// Bytes Lua may hold at once (default 512 MiB).
    public var memory: Int
    /// VM instructions a run may execute (default 1,000,000,000).
    public var instructions: Int64
    /// Wall-clock seconds a run may take (default: none).
    public var timeout: Double?
    /// Bytes `print` may write in a run (default 64 MiB).
    public var output: Int

    public init(memory: Int = 512 << 20, instructions: Int64 = 1_000_000_000,
                timeout: Double? = nil, output: Int = 64 << 20) {
        self.memory = memory
        self.instructions = instructions
        self.timeout = timeout
        self.output = output
    }

    /// No limits at all (trusted code, tests of the host itself).
    public static let unlimited = LuaLimits(memory: 0, instructions: 0, timeout: nil, output: 0)
}
