import Foundation

/// Finds the file behind `require "name"` under the script root, and only there.
///
/// A module name is letters, digits and `_` separated by dots; `a.b`
/// looks for `ROOT/a/b.lua`, then `ROOT/a/b/init.lua`. The file's real
/// path (symbolic links resolved) must lie inside the root's real path, so
/// neither `..` nor a link can reach another file. `package.path` is not
/// consulted.
struct ModuleResolver {
    var root: URL?

    enum Resolution: Equatable {
        case found(source: String, chunkName: String)
        case failed(String)
    }

    func resolve(_ name: String) -> Resolution {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_")
            }
        }
        guard valid else {
            return .failed("module name '\(name)' is not allowed (letters, digits and '_' separated by '.')")
        }
        guard let root else {
            return .failed("module '\(name)' not found: no script root to search")
        }
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        let relative = parts.joined(separator: "/")
        var tried: [String] = []
        for candidate in ["\(relative).lua", "\(relative)/init.lua"] {
            tried.append(candidate)
            let url = URL(fileURLWithPath: rootPath).appendingPathComponent(candidate)
            let real = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: real) else { continue }
            guard real.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/") else {
                return .failed("module '\(name)' not found: \(candidate) leads outside the script root")
            }
            guard let data = FileManager.default.contents(atPath: real) else {
                return .failed("module '\(name)': cannot read \(candidate)")
            }
            return .found(source: String(decoding: data, as: UTF8.self), chunkName: candidate)
        }
        return .failed("module '\(name)' not found under the script root (tried \(tried.joined(separator: ", ")))")
    }
}
