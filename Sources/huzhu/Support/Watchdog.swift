import Foundation

/// Keeps `--timeout` a hard promise.
///
/// The count hook stops Lua code at the deadline, but a C function (a
/// pathological `string.find` pattern) runs without VM instructions. If the
/// run is still going a grace period after the deadline, the watchdog says
/// so and ends the process; an open database transaction is then simply
/// never committed.
final class Watchdog {
    private let timer: DispatchSourceTimer

    init(script: String, timeout: Double, grace: Double = 2) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + timeout + grace)
        let message = "huzhu: \(script): timeout of \(Watchdog.format(timeout)) seconds exceeded; "
            + "the script did not stop (it was inside a C function), so the process was ended\n"
        timer.setEventHandler {
            message.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
            _exit(1)
        }
        timer.resume()
    }

    func cancel() { timer.cancel() }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
