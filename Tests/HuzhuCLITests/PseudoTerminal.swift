import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `huzhu` on a pseudo-terminal, as a person at a keyboard would.
final class PseudoTerminal {
    let process = Process()
    private var master: Int32 = -1
    private(set) var transcript = ""

    /// - Parameter controllingTerminal: Makes the terminal the process's controlling
    ///   terminal in a session of its own (through util-linux `setsid --ctty`), so a
    ///   typed Ctrl-C (`"\u{3}"`) becomes SIGINT as at a real keyboard.
    init(arguments: [String], in directory: URL, controllingTerminal: Bool = false) throws {
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        if controllingTerminal {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["--ctty", "--wait", CLI.binary.path] + arguments
        } else {
            process.executableURL = CLI.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Types text (use "\r" for Enter). Waits a moment first: libedit prints
    /// its prompt before switching the terminal mode, which discards keys
    /// typed in between.
    func type(_ text: String) {
        Thread.sleep(forTimeInterval: 0.3)
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Reads until `text` appears in the transcript after `from`, or the timeout passes.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if transcript.contains(text) { return true }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                transcript += String(decoding: buffer[0..<n], as: UTF8.self)
            }
        }
        return transcript.contains(text)
    }

    /// Forgets what was read so far (so the next wait looks at new output only).
    func clear() { transcript = "" }

    func waitForExit(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            _ = waitFor("\u{0}", timeout: 0.1)
        }
        return process.isRunning ? nil : process.terminationStatus
    }
}
