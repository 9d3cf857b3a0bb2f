import CLuaBridge

/// The control block of one Lua state: accounting, limits, cancellation.
///
/// Owned jointly by the host and any `LuaCanceller`, so a canceller that
/// outlives its host stays harmless.
final class LuaControl: @unchecked Sendable {
    let block: UnsafeMutablePointer<hz_control>

    init() {
        block = .allocate(capacity: 1)
        block.initialize(to: hz_control())
    }

    deinit { block.deallocate() }
}

/// Stops a running script from another thread (a UI, a signal handler's
/// dispatch source, a timer). The script fails with `LuaError.Kind.cancelled`.
public struct LuaCanceller: Sendable {
    let control: LuaControl

    /// Asks the current run to stop at its next instruction check; with no
    /// run in progress, the next run stops at its first.
    public func cancel() { hz_control_cancel(control.block) }
}
