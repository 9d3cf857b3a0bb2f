import ArgumentParser
import Foundation

/// Reading a script named on the command line.
enum ScriptFile {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    static func validateReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("no such script: \(path)")
        }
        guard !isDirectory.boolValue else { throw ValidationError("\(path) is a folder, not a script") }
    }

    /// The file's text; invalid UTF-8 is an error naming the byte offset.
    static func read(_ path: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReadError(description: "cannot read \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(path): not valid UTF-8 text")
        }
        return text
    }
}
