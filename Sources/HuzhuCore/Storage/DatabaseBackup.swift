import Foundation
import GRDB

/// What a backup or a restore wrote: where, how big, what it holds.
public struct BackupSummary: Hashable, Sendable {
    /// The file.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64
    /// Members stored.
    public var members: Int
    /// Policies stored.
    public var policies: Int
    /// The schema: the last migration applied (e.g. `createClaimAdjustments`).
    public var schema: String

    /// `huzhu.db: 1,234,944 bytes, 120 members, 240 policies, schema createClaimAdjustments`.
    public var description: String {
        "\(path): \(bytes) bytes, \(members) members, \(policies) policies, schema \(schema)"
    }
}

/// Why a backup or a restore did nothing.
public struct BackupError: Error, Equatable, CustomStringConvertible {
    /// What went wrong and what to do next.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

extension HuzhuDatabase {
    /// Copies the database to a file with SQLite's online backup: a
    /// consistent copy of the last committed state, taken from a read
    /// transaction, so other runs go on writing meanwhile (their
    /// uncommitted writes are not in it). The copy is written to an
    /// owner-only (0600) temporary file beside the target and renamed into
    /// place: the target appears whole or not at all.
    ///
    /// ```swift
    /// let summary = try database.backup(to: URL(fileURLWithPath: "/srv/backup/huzhu-2026-05-01.db"), workspace: root)
    /// summary.description   // "/srv/backup/huzhu-2026-05-01.db: 1234944 bytes, 120 members, …"
    /// ```
    ///
    /// - Parameters:
    ///   - url: The backup file.
    ///   - overwrite: Replace an existing file (otherwise refused).
    ///   - workspace: The workspace root, whose own files are never replaced; nil: not checked.
    /// - Returns: What was written.
    /// - Throws: ``BackupError`` when the file exists, ``OutputPathError`` for a workspace
    ///   file, a database or file error.
    public func backup(to url: URL, overwrite: Bool = false, workspace: URL? = nil) throws -> BackupSummary {
        let target = url.standardizedFileURL
        if !overwrite, FileManager.default.fileExists(atPath: target.path) {
            throw BackupError("\(url.relativePath) exists; choose another name, or pass --force to replace it")
        }
        let file = try OutputFile(target, workspace: workspace)
        do {
            let copy = try DatabaseQueue(path: file.temporaryPath, configuration: HuzhuDatabase.configuration())
            try writer.backup(to: copy)
            try copy.close()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        return try BackupSummary(of: target)
    }

    /// Records a backup in the audit trail (`backupDatabase`: the file's
    /// name, size and counts, no personal data), waiting for the write lock
    /// as any write does.
    ///
    /// - Throws: A database error.
    public func recordBackup(_ summary: BackupSummary, context: WriteContext) throws {
        _ = try write(.commit) { db in
            try AuditLog.record(db, context: context, action: "backup", operation: "backupDatabase", table: "database",
                                rowKey: (summary.path as NSString).lastPathComponent, summary: [
                                    "bytes": .integer(summary.bytes), "members": .integer(Int64(summary.members)),
                                    "policies": .integer(Int64(summary.policies)), "schema": .text(summary.schema),
                                ])
        }
    }
}

extension BackupSummary {
    /// Reads what a database file holds (it must be a Huzhu database).
    init(of url: URL) throws {
        let queue = try DatabaseQueue(path: url.path, configuration: HuzhuDatabase.configuration())
        defer { try? queue.close() }
        self = try queue.read { db in try BackupSummary(db, path: url.path) }
    }

    /// Reads what an open database holds.
    init(_ db: Database, path: String) throws {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        self.init(path: path, bytes: bytes,
                  members: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM member") ?? 0,
                  policies: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy") ?? 0,
                  schema: try Schema.migrator.completedMigrations(db).last ?? "none")
    }
}
