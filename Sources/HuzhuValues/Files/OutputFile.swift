import Foundation

/// A file written for the user: a report, an export, a rejects file, a job's
/// saved output.
///
/// It never names one of the workspace's own files (``WorkspaceFiles``), and
/// it appears whole or not at all: the bytes go to an owner-only temporary
/// file in the same folder, which ``commit()`` renames into place. Dropped
/// without a commit, the temporary file is removed and an older file of
/// that name stays as it was.
///
/// ```swift
/// let out = try OutputFile(URL(fileURLWithPath: "reports/p.html"), workspace: workspace.root)
/// try out.write(Data(html.utf8))
/// try out.commit()
/// ```
public final class OutputFile {
    /// Where the file goes.
    public let url: URL
    private let temporaryURL: URL
    private var handle: FileHandle?
    private var finished = false

    /// Checks the path and opens a temporary file beside it.
    ///
    /// - Parameters:
    ///   - url: The output's path (relative paths are taken from the current folder).
    ///   - workspace: The workspace root whose files must not be replaced, or nil.
    /// - Throws: ``OutputPathError`` for a workspace file; a Foundation error when
    ///   the folder does not exist or cannot be written.
    public init(_ url: URL, workspace: URL?) throws {
        if let workspace { try WorkspaceFiles(root: workspace).refuse(url) }
        self.url = url.standardizedFileURL
        let folder = self.url.deletingLastPathComponent()
        temporaryURL = folder.appendingPathComponent(".\(self.url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporaryURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: self.url.path,
                                                          NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { discard() }

    /// The owner-only temporary file that ``commit()`` renames into place,
    /// for a writer that opens the file by path itself (SQLite's backup).
    public var temporaryPath: String { temporaryURL.path }

    /// Appends bytes.
    public func write(_ data: Data) throws {
        guard let handle else { preconditionFailure("OutputFile: write after commit or discard") }
        try handle.write(contentsOf: data)
    }

    /// Closes the temporary file and renames it into place, replacing an older file.
    public func commit() throws {
        guard let handle, !finished else { return }
        finished = true
        self.handle = nil
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryURL.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporaryURL)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                          NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
        }
    }

    /// Removes the temporary file; the place keeps what it had.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: temporaryURL)
    }

    /// Writes a whole file at once.
    ///
    /// - Throws: as ``init(_:workspace:)`` and ``commit()``.
    public static func write(_ data: Data, to url: URL, workspace: URL?) throws {
        let file = try OutputFile(url, workspace: workspace)
        try file.write(data)
        try file.commit()
    }
}

/// An output path that names one of the workspace's own files.
public struct OutputPathError: Error, Equatable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// The workspace file it names, relative to the workspace (`huzhu.db`, `scripts/jobs/hello.lua`).
    public var file: String

    public var description: String {
        let what = file.lowercased().hasPrefix("scripts") ? "(under scripts/, the union's scripts)" : file
        return "\(path) is the workspace's own file \(what); write the output elsewhere, such as reports/\(Self.suggestion(for: path))"
    }

    private static func suggestion(for path: String) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name.lowercased().hasPrefix("huzhu") || name.lowercased().hasSuffix(".toml") || name.lowercased().hasSuffix(".lua")
            ? "output.txt" : name
    }
}

/// An output path inside the workspace that a symbolic link leads out of it.
public struct OutsideWorkspaceError: Error, Equatable, CustomStringConvertible {
    /// The path as configured (`reports/snap-2026-09-30.txt`).
    public var path: String
    /// The part of it that is a symbolic link out (`reports`).
    public var link: String
    /// Where that link leads.
    public var destination: String

    public var description: String {
        let mend = link == path ? "remove the link \(link)" : "make \(link)/ a folder inside the workspace"
        return "the output \(path) leads outside the workspace (\(link) is a symbolic link to \(destination)); " + mend
    }
}

/// The files that make up a workspace, which no output may replace:
/// `huzhu.db` and its `-wal`, `-shm` and `-journal` files, `huzhu.toml`,
/// `plans.toml`, and everything under `scripts/` and `.locks/`.
///
/// A path is compared after resolving symbolic links of its folders (and of
/// itself when it is one), `.` and `..`, ignoring case; and an existing
/// file is compared by device and inode, which also catches hard links.
public struct WorkspaceFiles: Sendable {
    /// The workspace folder.
    public let root: URL

    /// The file names at the workspace's top that are its own.
    public static let names = ["huzhu.db", "huzhu.db-wal", "huzhu.db-shm", "huzhu.db-journal", "huzhu.toml", "plans.toml"]
    /// The folders at the workspace's top whose every file is its own: the union's scripts, the jobs' lock files.
    public static let folders = ["scripts", ".locks"]

    public init(root: URL) {
        self.root = root
    }

    /// The workspace file a path names, relative to the workspace, or nil.
    public func protectedFile(at url: URL) -> String? {
        let rootPath = Self.resolved(root.standardizedFileURL.path)
        let target = Self.resolved(url.standardizedFileURL.path)
        let relative: String?
        if target.lowercased().hasPrefix(rootPath.lowercased() + "/") {
            relative = String(target.dropFirst(rootPath.count + 1))
        } else {
            relative = nil
        }
        if let relative {
            let lower = relative.lowercased()
            if Self.names.contains(lower) { return Self.names.first { $0 == lower } }
            for folder in Self.folders where lower == folder || lower.hasPrefix(folder + "/") { return relative }
        }
        // The workspace reached under another name (a bind mount, a container's volume):
        // the target's folder or one above it is the workspace's scripts/ or .locks/, or the
        // workspace itself, by device and inode.
        let folders = Self.folders.compactMap { folder in Self.identity(of: rootPath + "/" + folder).map { (folder, $0) } }
        let rootIdentity = Self.identity(of: rootPath)
        var folder = (target as NSString).deletingLastPathComponent
        var below = [(target as NSString).lastPathComponent]
        while true {
            if let identity = Self.identity(of: folder) {
                if let (name, _) = folders.first(where: { $0.1 == identity }) {
                    return ([name] + below.reversed()).joined(separator: "/")
                }
                if identity == rootIdentity, below.count == 1, Self.names.contains(below[0].lowercased()) {
                    return below[0].lowercased()
                }
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || folder.isEmpty { break }
            below.append((folder as NSString).lastPathComponent)
            folder = parent
        }
        // A hard link (or any other name) of an existing workspace file.
        guard let identity = Self.identity(of: target) else { return nil }
        for name in Self.names where Self.identity(of: rootPath + "/" + name) == identity { return name }
        return nil
    }

    /// Throws ``OutputPathError`` when `url` names a workspace file.
    public func refuse(_ url: URL) throws {
        if let file = protectedFile(at: url) { throw OutputPathError(path: url.relativePath, file: file) }
    }

    /// Throws ``OutsideWorkspaceError`` when a path given relative to the workspace
    /// (a job's `output`) leads out of it through a symbolic link on the way
    /// (`reports/` linked to another folder).
    public func refuseOutside(_ relativePath: String) throws {
        let rootPath = Self.resolved(root.standardizedFileURL.path)
        var path = root.standardizedFileURL.path
        for part in relativePath.split(separator: "/").map(String.init) {
            path += "/" + part
            let real = Self.resolved(path)
            guard real == rootPath || real.hasPrefix(rootPath + "/") else {
                let link = String(path.dropFirst(root.standardizedFileURL.path.count + 1))
                throw OutsideWorkspaceError(path: relativePath, link: link, destination: real)
            }
        }
    }

    /// Whether a path relative to the workspace names one of its files by its
    /// spelling alone (`./HUZHU.DB`, `reports/../huzhu.toml`, `scripts/x.txt`),
    /// for settings checked before anything exists on disk.
    public static func namesProtectedFile(_ relativePath: String) -> Bool {
        var components: [String] = []
        for part in relativePath.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(part.lowercased())
            }
        }
        guard let first = components.first else { return false }
        return (components.count == 1 && names.contains(first)) || folders.contains(first)
    }

    /// The path with every symbolic link resolved: the longest existing prefix
    /// through `realpath`, the rest appended (a file yet to be written).
    static func resolved(_ path: String, depth: Int = 0) -> String {
        guard depth < 40 else { return path }   // a loop of symbolic links
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            // A dangling symbolic link: follow it by hand.
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: existing) {
                let folder = (existing as NSString).deletingLastPathComponent
                let next = destination.hasPrefix("/") ? destination : folder + "/" + destination
                return resolved(((next as NSString).standardizingPath as String)
                    + (rest.isEmpty ? "" : "/" + rest.reversed().joined(separator: "/")), depth: depth + 1)
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    private static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
