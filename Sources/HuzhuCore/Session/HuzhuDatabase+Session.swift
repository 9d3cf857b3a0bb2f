import GRDB

extension HuzhuDatabase {
    /// The one door into a write: an immediate transaction (the write lock
    /// taken at the start, so a run never fails halfway for want of it) with
    /// the scope's services and the rule versions in force read once, that
    /// commits, or rolls back for a dry run; a thrown error rolls it all back.
    /// Script runs, the REPL, the scheduler's jobs, imports, appraisals and
    /// `huzhu rules apply` go through it; only migrations and the
    /// scheduler's run log (which must outlive a rolled-back job) write
    /// otherwise, inside `Storage/`.
    ///
    /// ```swift
    /// let summary = try database.write(dryRun ? .dryRun : .commit, hooks: rules) { session in
    ///     try session.services.enrollment.enrollUnit(session.connection, request, context: context)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - mode: Commit, or roll back after running.
    ///   - scope: The subtree the services see and may change; everything by default.
    ///   - hooks: The union's scripted rules, told of the session; none by default.
    ///   - body: The writes.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or a database error.
    @discardableResult
    public func write<T>(_ mode: WriteMode, scope: Scope = .everything, hooks: (any RuleHooks)? = nil,
                         _ body: (Session) throws -> T) throws -> T {
        try write(mode) { db in try Self.session(db, mode: mode, scope: scope, hooks: hooks, body) }
    }

    /// A read of the last committed state through the same kind of session
    /// (reports, `huzhu explain`, a rule's replay over stored policies).
    ///
    /// - Parameters:
    ///   - scope: The subtree the services see; everything by default.
    ///   - hooks: The union's scripted rules, told of the session; none by default.
    ///   - body: The reads.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or a database error.
    public func read<T>(scope: Scope = .everything, hooks: (any RuleHooks)? = nil,
                        _ body: (Session) throws -> T) throws -> T {
        try read { db in try Self.session(db, mode: .dryRun, scope: scope, hooks: hooks, body) }
    }

    private static func session<T>(_ db: Database, mode: WriteMode, scope: Scope, hooks: (any RuleHooks)?,
                                   _ body: (Session) throws -> T) throws -> T {
        let session = Session(connection: db, services: Services(scope: scope, subsidy: hooks?.subsidyFormula),
                              rules: RulesInForce(try RuleStore.all(db)), mode: mode)
        hooks?.begin(session)
        defer { hooks?.end() }
        return try body(session)
    }
}
