import Foundation
@testable import LuaHost

/// A host whose `print` output is captured.
final class CapturingHost {
    let host: LuaHost
    private let buffer = Buffer()

    final class Buffer: @unchecked Sendable { var bytes: [UInt8] = [] }

    init(limits: LuaLimits = LuaLimits(), root: URL? = nil) throws {
        host = try LuaHost(limits: limits, scriptRoot: root)
        let buffer = self.buffer
        host.output = { buffer.bytes.append(contentsOf: $0) }
    }

    var output: String { String(decoding: buffer.bytes, as: UTF8.self) }
    var outputCount: Int { buffer.bytes.count }

    @discardableResult
    func run(_ source: String, name: String = "test.lua", _ arguments: [LuaValue] = []) throws -> [LuaValue] {
        try host.run(source, name: name, arguments: arguments)
    }

    /// Runs `source` and returns the LuaError it must raise.
    func failure(_ source: String, name: String = "test.lua") -> LuaError? {
        do {
            try host.run(source, name: name)
            return nil
        } catch let error as LuaError {
            return error
        } catch {
            return LuaError(kind: .runtime, message: "unexpected \(error)")
        }
    }
}

/// A fresh temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}
