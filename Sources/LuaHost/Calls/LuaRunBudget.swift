import CLuaBridge

/// What a host function may still spend of the run's limits while it works
/// for the script outside the Lua VM (an SQLite query stepping, a result
/// being built).
///
/// When a limit is hit the function stops and throws any error; the script
/// then gets the limit's own error (`instruction limit of … exceeded`,
/// `memory limit of … exceeded`, `interrupted (Ctrl-C)` …), which, like the
/// count hook's, no `pcall` can swallow.
///
/// ```swift
/// let budget = call.budget
/// while working {
///     if !budget.charge(1000) { throw Stopped() }   // 1,000 steps of work done
/// }
/// ```
public struct LuaRunBudget {
    let control: UnsafeMutablePointer<hz_control>

    /// Bytes the script may still allocate; nil without a memory limit.
    public var memoryLeft: Int? {
        control.pointee.mem_limit == 0 ? nil : hz_control_memory_left(control)
    }

    /// Counts `instructions` steps of work against the instruction budget and
    /// checks the timeout, cancellation and Ctrl-C, as the count hook does
    /// between VM instructions. Returns false once a limit is hit: stop.
    public func charge(_ instructions: Int64) -> Bool {
        hz_control_charge(control, instructions) == Int32(HZ_LIMIT_NONE.rawValue)
    }

    /// Records that the work would exceed the memory limit (a result too large
    /// to hand over): the run stops with the memory limit's error.
    public func exceedMemory() { hz_control_exceed_memory(control) }
}

extension LuaCall {
    /// The run's limits as they stand during this call.
    public var budget: LuaRunBudget { LuaRunBudget(control: hz_control_of(L)) }
}
