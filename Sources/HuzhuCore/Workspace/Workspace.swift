import Foundation

/// A folder holding one programme's data and scripts.
///
/// `huzhu.toml` (settings), `huzhu.db` (SQLite, WAL) and `scripts/` (the
/// union's Lua scripts: `rules/`, `reports/`, `jobs/`). Every command finds
/// its workspace from the current folder upwards, or from `--workspace`.
///
/// ```swift
/// let workspace = try Workspace.find(from: URL(fileURLWithPath: "."))
/// let database = try workspace.openDatabase()
/// ```
public struct Workspace: Sendable {
    public let root: URL
    public let config: WorkspaceConfig

    public static let configName = "huzhu.toml"
    public static let databaseName = "huzhu.db"
    public static let scriptsName = "scripts"
    /// The plans and terms file `huzhu init` writes for review (docs/plans.md).
    public static let plansName = "plans.toml"

    public var configURL: URL { root.appendingPathComponent(Workspace.configName) }
    public var databaseURL: URL { root.appendingPathComponent(Workspace.databaseName) }
    public var scriptsURL: URL { root.appendingPathComponent(Workspace.scriptsName) }

    /// Why no workspace could be used.
    public struct WorkspaceError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Opens the workspace at `root` (which must hold a `huzhu.toml`).
    public init(at root: URL) throws {
        let configURL = root.appendingPathComponent(Workspace.configName)
        guard let data = FileManager.default.contents(atPath: configURL.path) else {
            throw WorkspaceError(description: "\(root.path) is not a Huzhu workspace (no \(Workspace.configName)); create one with `huzhu init`")
        }
        let text = String(decoding: data, as: UTF8.self)
        self.root = root.standardizedFileURL
        self.config = try WorkspaceConfig.parse(text, file: configURL.path)
    }

    /// Finds the workspace: `explicit` if given, else the nearest folder at
    /// or above `directory` holding a `huzhu.toml`.
    public static func find(from directory: URL, explicit: URL? = nil) throws -> Workspace {
        if let explicit { return try Workspace(at: explicit) }
        var folder = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(configName).path) {
                return try Workspace(at: folder)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw WorkspaceError(description: "no Huzhu workspace here or above \(directory.path); create one with `huzhu init DIR` or pass --workspace DIR")
    }

    /// Creates a workspace: `huzhu.toml`, a migrated `huzhu.db`, and
    /// `scripts/` seeded with `stockScripts` (relative path → text). Refuses
    /// a folder that already holds a workspace.
    @discardableResult
    public static func create(at root: URL, operatorName: String, today: CivilDate? = nil,
                              stockScripts: [String: String]) throws -> Workspace {
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let configURL = root.appendingPathComponent(configName)
        guard !fm.fileExists(atPath: configURL.path) else {
            throw WorkspaceError(description: "\(root.path) already holds a workspace (\(configName) exists)")
        }
        for (path, text) in stockScripts.sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(scriptsName).appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !fm.fileExists(atPath: url.path) { try Data(text.utf8).write(to: url) }
        }
        for folder in ["rules", "reports", "jobs"] {
            try fm.createDirectory(at: root.appendingPathComponent(scriptsName).appendingPathComponent(folder),
                                   withIntermediateDirectories: true)
        }
        let workspace = try { () throws -> Workspace in
            try Data(WorkspaceConfig.template(operatorName: operatorName, today: today).utf8).write(to: configURL)
            return try Workspace(at: root)
        }()
        let plansURL = root.appendingPathComponent(plansName)
        if !fm.fileExists(atPath: plansURL.path) {
            try Data(StandardPlans.text(today: workspace.today).utf8).write(to: plansURL)
        }
        _ = try workspace.openDatabase()
        try restrictToOwner(root)
        return workspace
    }

    /// Makes a new workspace owner-only whatever the umask: folders 0700,
    /// files 0600 (the CLI also sets its umask to 077).
    static func restrictToOwner(_ root: URL) throws {
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        for name in [configName, databaseName, databaseName + "-wal", databaseName + "-shm", plansName]
        where fm.fileExists(atPath: root.appendingPathComponent(name).path) {
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: root.appendingPathComponent(name).path)
        }
        let scripts = root.appendingPathComponent(scriptsName)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: scripts.path)
        for path in try fm.subpathsOfDirectory(atPath: scripts.path) {
            let url = scripts.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: url.path, isDirectory: &isFolder)
            try fm.setAttributes([.posixPermissions: isFolder.boolValue ? 0o700 : 0o600], ofItemAtPath: url.path)
        }
    }

    /// Opens (and, when its schema is behind, migrates) the workspace's database.
    ///
    /// A write waits for another process's write lock up to `wait` seconds
    /// (default: `wait` under `[limits]`, else 60), telling `notice` once who
    /// holds it (``WriteLock``).
    ///
    /// - Parameters:
    ///   - wait: Seconds a write waits for the write lock; nil for the settings'.
    ///   - notice: Where the one "waiting for …" line goes; standard error by default.
    public func openDatabase(wait: TimeInterval? = nil,
                             notice: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) })
        throws -> HuzhuDatabase {
        let lock = WriteLock(databasePath: databaseURL.path, wait: wait ?? config.limits.wait ?? 60,
                             operatorName: config.operatorName, notice: notice)
        return try HuzhuDatabase(path: databaseURL.path, lock: lock)
    }

    /// The business date: `today` from the settings, else the current date in the workspace's time zone.
    public var today: CivilDate {
        config.today ?? CivilDate.today(in: TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
    }
}
