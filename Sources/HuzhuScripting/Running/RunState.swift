import HuzhuCore
import LuaHost

/// What the `huzhu` module's functions need during one run: the open
/// transaction, the scoped services and who is writing.
///
/// The database connection is set only while the run's transaction is
/// open; a function called after that (an iterator kept in a REPL
/// variable, say) fails with "the run has ended" instead of touching a
/// closed transaction.
final class RunState {
    private(set) var services: Services
    var context: WriteContext
    let databasePath: String?
    private(set) var database: DatabaseConnection?
    /// The rule versions in force, read once when the run's transaction opened.
    private(set) var rules: RulesInForce?
    /// The subtree the next run may see and change.
    private(set) var scope: Scope
    /// Explanations noted by the rule running now (`huzhu.explain`).
    var notes: [String] = []
    /// > 0 while a rule runs: rules decide, they do not write.
    var ruleDepth = 0

    /// Refuses a write from inside a rule.
    func refuseInRule(_ function: String) throws {
        if ruleDepth > 0 { throw ScriptingError("\(function) cannot be called from a rule (rules decide; scripts write)") }
    }

    /// The subsidy formula new services get (set once the host exists).
    var subsidy: (any SubsidyFormula)?
    /// The benefit top-up rule (set once the host exists).
    var benefitRule: LuaBenefitRule?
    /// The appraisal rule in force on a date (set once the host exists).
    var appraisalRule: ((DatabaseConnection, CivilDate) throws -> any AppraisalRule)?
    /// The reports scripts build (`huzhu.report`).
    let reports = ReportSession()

    init(services: Services, context: WriteContext, databasePath: String?) {
        self.services = services
        self.scope = services.scope
        self.context = context
        self.databasePath = databasePath
    }

    /// The open transaction, or the error a script sees outside one.
    func db() throws -> DatabaseConnection {
        guard let database else { throw ScriptingError("the run has ended; its records and iterators can no longer be used") }
        return database
    }

    /// The version of a rule in force on a date, as read when the run's transaction opened.
    func ruleVersion(_ name: String, on date: CivilDate) throws -> RuleVersion? {
        guard let rules else { throw ScriptingError("the run has ended; its records and iterators can no longer be used") }
        return rules.version(name, on: date)
    }

    /// The door opened the run's transaction: its connection, services and rule versions.
    func begin(_ session: Session) {
        database = session.connection
        rules = session.rules
        services = session.services
    }

    func setScope(_ scope: Scope) {
        self.scope = scope
        services = Services(scope: scope, subsidy: subsidy)
        cachedSQL = nil
    }

    func end() {
        database = nil
        rules = nil
    }

    private var cachedSQL: ReadOnlySQL?

    /// The read-only SQL connection (opened on first use), scoped like the run.
    func readOnlySQL() throws -> ReadOnlySQL {
        if let cachedSQL { return cachedSQL }
        guard let databasePath else { throw ScriptingError("huzhu.sql needs a database file") }
        var scopePath: String?
        if let code = services.scope.unitCode {
            scopePath = try services.units.unit(try db(), code: code)?.path
            if scopePath == nil { throw ScriptingError("unknown scope unit \(code)") }
        }
        let sql = try ReadOnlySQL(path: databasePath, scopePath: scopePath)
        cachedSQL = sql
        return sql
    }
}

/// An error a script sees verbatim (after `chunk:line:`).
struct ScriptingError: Error, CustomStringConvertible, LuaScriptError {
    var description: String
    init(_ description: String) { self.description = description }
    var luaMessage: String { description }
}
