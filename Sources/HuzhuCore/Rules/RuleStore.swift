import GRDB

/// The SQL of rule versions and of the decisions rules made
/// (``RuleService`` and ``DecisionService`` hold the rules).
enum RuleStore {
    // MARK: - Versions

    /// The version of `name` with this text's hash taking effect on this date, if registered.
    static func version(_ db: Database, name: String, sha256: String, effectiveFrom: CivilDate) throws -> RuleVersion? {
        try RuleVersion
            .filter(RuleVersion.Columns.name == name && Column("sha256") == sha256
                && RuleVersion.Columns.effectiveFrom == effectiveFrom.description)
            .fetchOne(db)
    }

    /// The version of `name` in force on `date`: the latest to take effect by then (the last registered on a tie).
    static func version(_ db: Database, name: String, on date: CivilDate) throws -> RuleVersion? {
        try RuleVersion
            .filter(RuleVersion.Columns.name == name && RuleVersion.Columns.effectiveFrom <= date.description)
            .order(RuleVersion.Columns.effectiveFrom.desc, RuleVersion.Columns.id.desc)
            .fetchOne(db)
    }

    /// Every version of every rule.
    static func all(_ db: Database) throws -> [RuleVersion] {
        try RuleVersion.fetchAll(db)
    }

    static func versions(_ db: Database, name: String) throws -> [RuleVersion] {
        try RuleVersion.filter(RuleVersion.Columns.name == name)
            .order(RuleVersion.Columns.effectiveFrom, RuleVersion.Columns.id).fetchAll(db)
    }

    static func version(_ db: Database, id: Int64) throws -> RuleVersion? {
        try RuleVersion.fetchOne(db, key: id)
    }

    static func names(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT name FROM ruleVersion ORDER BY name")
    }

    static func insert(_ db: Database, _ version: inout RuleVersion) throws {
        try version.insert(db)
    }

    // MARK: - Decisions

    static func decisions(_ db: Database, subjectTable: String, subjectID: Int64) throws -> [Decision] {
        try Decision.fetchAll(db, sql: "SELECT * FROM decision WHERE subjectTable = ? AND subjectID = ? ORDER BY id",
                              arguments: [subjectTable, subjectID])
    }

    /// Count and money of the policies with an id above `after`.
    static func policyTotals(_ db: Database, afterPolicyID after: Int64)
        throws -> (count: Int, contribution: Money, administration: Money, union: Money, member: Money) {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, COALESCE(SUM(contribution), 0) AS c, COALESCE(SUM(splitAdministration), 0) AS a,
                   COALESCE(SUM(splitUnion), 0) AS u, COALESCE(SUM(splitMember), 0) AS m
            FROM policy WHERE id > ?
            """, arguments: [after])!
        return (row["n"], Money(fen: row["c"]), Money(fen: row["a"]), Money(fen: row["u"]), Money(fen: row["m"]))
    }

    static func policiesDecidedBySubsidyRule(_ db: Database, year: Int) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT DISTINCT d.subjectID FROM decision d JOIN policy p ON p.id = d.subjectID
            WHERE d.kind = 'subsidy' AND d.subjectTable = 'policy' AND d.ruleVersionID IS NOT NULL AND p.year = ?
            ORDER BY d.subjectID
            """, arguments: [year])
    }

    static func lastPolicyID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM policy") ?? 0
    }
}
