import Foundation
import LuaHost

/// A request to stop a scheduler, made from any thread (a signal handler's
/// dispatch source, a test): the running job is cancelled at its next
/// instruction check (its transaction rolls back and it is logged
/// `interrupted`), no further job starts, and a sleeping daemon wakes.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private let wakeUp = DispatchSemaphore(value: 0)
    private var reasonText: String?
    private var canceller: LuaCanceller?

    public init() {}

    /// Whether a stop was requested.
    public var isRequested: Bool { lock.withLock { reasonText != nil } }

    /// Why, as given to ``request(_:)``: `SIGTERM`, `Ctrl-C` …
    public var reason: String? { lock.withLock { reasonText } }

    /// Asks the scheduler to stop; the first reason given is kept.
    public func request(_ reason: String) {
        lock.withLock {
            if reasonText == nil { reasonText = reason }
            canceller?.cancel()
        }
        wakeUp.signal()
    }

    /// Sets the canceller of the run in progress (nil when none). Cancels at
    /// once if a stop was already requested.
    func attach(_ canceller: LuaCanceller?) {
        lock.withLock {
            self.canceller = canceller
            if reasonText != nil { canceller?.cancel() }
        }
    }

    /// Sleeps for `interval` seconds or until a stop is requested.
    ///
    /// - Returns: True if a stop was requested.
    @discardableResult
    public func sleep(for interval: TimeInterval) -> Bool {
        if isRequested { return true }
        if interval > 0 { _ = wakeUp.wait(timeout: .now() + interval) }
        return isRequested
    }
}
