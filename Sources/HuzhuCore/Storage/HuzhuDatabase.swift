import Foundation
import GRDB

/// The programme's SQLite database: opened, configured and migrated.
///
/// On disk it is a `DatabasePool` in WAL mode, so readers never block the
/// writer; for tests ``inMemory()`` gives a private in-memory database.
/// Foreign keys are enforced. All SQL of the programme lives in
/// `HuzhuCore`'s stores; callers go through the door
/// (``write(_:scope:hooks:_:)``), which hands them a ``Session``.
///
/// ```swift
/// let database = try HuzhuDatabase(path: "huzhu.db")
/// try database.write(.commit, scope: .unit("BH")) { session in
///     // one transaction: everything below commits together or not at all
///     try session.services.members.register(session.connection, draft, context: context)
/// }
/// ```
public final class HuzhuDatabase: Sendable {
    /// The connection (pool or queue) that writes; it reads too. Inside the
    /// core only: callers go through the door (``write(_:scope:hooks:_:)``).
    let writer: any DatabaseWriter

    /// Opens (creating if needed) and migrates a database file.
    ///
    /// - Parameters:
    ///   - path: The file path, e.g. `workspace/huzhu.db`.
    ///   - migrate: Whether to bring the schema up to date (default true).
    ///   - busyTimeout: How long a write waits for another process's write lock
    ///     (nil: it fails at once with "database is locked").
    /// - Throws: A database error if the file cannot be opened or migrated.
    public init(path: String, migrate: Bool = true, busyTimeout: TimeInterval? = nil) throws {
        var configuration = HuzhuDatabase.configuration()
        if let busyTimeout { configuration.busyMode = .timeout(busyTimeout) }
        let pool = try DatabasePool(path: path, configuration: configuration)
        self.writer = pool
        if migrate { try Schema.migrator.migrate(pool) }
    }

    /// Wraps an open connection, migrating it.
    ///
    /// - Parameter writer: A pool or queue configured by the caller.
    /// - Throws: A database error.
    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    /// A fresh, migrated, private in-memory database.
    ///
    /// - Returns: The database; it disappears when released.
    /// - Throws: A database error.
    public static func inMemory() throws -> HuzhuDatabase {
        try HuzhuDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    /// The configuration used for every connection: foreign keys on,
    /// bound values hidden from error messages (personal data).
    public static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.publicStatementArguments = false
        configuration.label = "huzhu"
        return configuration
    }

    /// Whether the schema is up to date.
    public func isMigrated() throws -> Bool {
        try writer.read { db in try Schema.migrator.hasCompletedMigrations(db) }
    }

    /// Runs `updates` in one write transaction; a thrown error rolls it all back.
    ///
    /// - Parameter updates: The writes.
    /// - Returns: What `updates` returns.
    /// - Throws: What `updates` throws, or a database error.
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try write(.commit, updates)
    }

    /// How a write ends.
    public enum WriteMode: Sendable, Equatable {
        /// Committed when `updates` returns.
        case commit
        /// Rolled back after `updates` returned (`--dry-run`): its result tells what would have changed.
        case dryRun
    }

    /// The transaction under the door (``write(_:scope:hooks:_:)``): an
    /// immediate transaction (the write lock taken at the start, so a run
    /// never fails halfway for want of it) that commits, or rolls back for a
    /// dry run; a thrown error rolls it all back. Used bare only where no
    /// service is involved: the scheduler's run log (which must outlive a
    /// rolled-back job) and tests that set up rows.
    ///
    /// - Parameters:
    ///   - mode: Commit, or roll back after running.
    ///   - updates: The writes.
    /// - Returns: What `updates` returns.
    /// - Throws: What `updates` throws, or a database error.
    public func write<T>(_ mode: WriteMode, _ updates: (Database) throws -> T) throws -> T {
        var result: T?
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                result = try updates(db)
                return mode == .dryRun ? .rollback : .commit
            }
        }
        return result!
    }

    /// Runs `value` with a read-only view of the last committed state.
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        try writer.read(value)
    }
}

/// The connection of an open transaction, as the layers above the core hold
/// it: they receive it from ``HuzhuDatabase/write(_:_:)`` and hand it to the
/// services and rule hooks, and never import GRDB or query it themselves —
/// SQL lives in the core's stores. (Services still take the connection; a
/// handle that carries the scoped services is the next step, see
/// docs/decisions.md.)
public typealias DatabaseConnection = Database
