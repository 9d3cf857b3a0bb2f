import GRDB

/// The SQL of a re-split (``SubsidyResplit`` holds the rules): the policies
/// streamed in id order through the formula, the changes gathered in
/// `temp.subsidyResplit`, then written set-wise — the policies' splits, one
/// decision per changed policy and one adjusting ledger entry per changed policy. Each write
/// carries the context's operator and script; `today` and `at` are the
/// run's date and timestamp.
enum SubsidyResplitStore {
    // MARK: - The table of changes

    /// Creates `temp.subsidyResplit` afresh (one row per changed policy).
    static func createTable(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.subsidyResplit")
        try db.execute(sql: """
            CREATE TEMP TABLE subsidyResplit (
                policyID INTEGER PRIMARY KEY, administration INTEGER NOT NULL, "union" INTEGER NOT NULL,
                member INTEGER NOT NULL, age INTEGER NOT NULL, notes TEXT NOT NULL,
                dAdministration INTEGER NOT NULL, dUnion INTEGER NOT NULL, dMember INTEGER NOT NULL)
            """)
    }

    static func dropTable(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE temp.subsidyResplit")
    }

    /// Puts changes into `temp.subsidyResplit`, one prepared statement for all of them.
    struct Recorder {
        private let statement: RawStatement

        init(_ db: Database) throws {
            statement = try RawStatement(db, sql: """
                INSERT INTO temp.subsidyResplit (policyID, administration, "union", member, age, notes,
                                                 dAdministration, dUnion, dMember)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Records a policy's new split, the member's age at its start, the decision's notes and
        /// the change per payer part (new − old).
        func record(policyID: Int64, _ split: ContributionSplit, was old: ContributionSplit, age: Int,
                    notes: [String]) throws {
            statement.bind(policyID, at: 1)
            statement.bind(split.administration.fen, at: 2)
            statement.bind(split.union.fen, at: 3)
            statement.bind(split.member.fen, at: 4)
            statement.bind(Int64(age), at: 5)
            statement.bind(JSONText.array(notes), at: 6)
            statement.bind(split.administration.fen - old.administration.fen, at: 7)
            statement.bind(split.union.fen - old.union.fen, at: 8)
            statement.bind(split.member.fen - old.member.fen, at: 9)
            try statement.execute()
        }
    }

    // MARK: - The policies

    /// An active policy as a re-split decides it again, with its member.
    struct StoredPolicy {
        var id: Int64
        var planTermID: Int64
        var shares: Int
        var contribution: Money
        var start: CivilDate
        var end: CivilDate
        /// The enrolling unit.
        var unitCode: String
        /// The split as stored.
        var split: ContributionSplit
        var member: Member
    }

    /// The active policies of a year in a range of units (by the policy's
    /// unit), in id order, streamed through one cursor.
    struct Policies {
        private let rows: RowCursor

        init(_ db: Database, year: Int, in range: UnitRange) throws {
            var sql: SQL = """
                SELECT p.id, p.planTermID, p.shares, p.contribution, p.startDate, p.endDate, p.unitCode,
                       p.splitAdministration, p.splitUnion, p.splitMember,
                       m.id, m.residentID, m.name, m.unitCode, m.hardship, m.status, m.joinedOn, m.gender, m.birthDate
                FROM policy p JOIN member m ON m.id = p.memberID
                WHERE p.year = \(year) AND p.status = 'active'
                """
            if let condition = range.condition(on: "p.unitCode") { sql = sql + " AND " + condition }
            sql = sql + " ORDER BY p.id"
            let (text, arguments) = try sql.build(db)
            rows = try Row.fetchCursor(db.makeStatement(sql: text), arguments: arguments)
        }

        func next() throws -> StoredPolicy? {
            guard let row = try rows.next() else { return nil }
            let member = Member(stored: row[10], residentID: row[11], name: row[12], gender: row[17], birthDate: row[18],
                                unitCode: row[13], hardship: row[14], status: row[15], joinedOn: row[16])
            return StoredPolicy(
                id: row[0], planTermID: row[1], shares: row[2], contribution: Money(fen: row[3]), start: row[4], end: row[5],
                unitCode: row[6],
                split: ContributionSplit(administration: Money(fen: row[7]), union: Money(fen: row[8]), member: Money(fen: row[9])),
                member: member)
        }
    }

    // MARK: - Writing the changes set-wise

    /// The policies' new splits.
    static func updatePolicies(_ db: Database, context: WriteContext) throws {
        try db.execute(sql: """
            UPDATE policy SET splitAdministration = r.administration, splitUnion = r."union", splitMember = r.member,
                   operator = ?, scriptName = ?, scriptSHA256 = ?
            FROM temp.subsidyResplit r WHERE policy.id = r.policyID
            """, arguments: provenance(context))
    }

    /// One decision per changed policy, as enrollment records it.
    static func insertDecisions(_ db: Database, ruleName: String?, ruleVersionID: Int64?, today: String,
                                       context: WriteContext) throws {
        try db.execute(sql: """
            INSERT INTO decision (kind, ruleName, ruleVersionID, subjectTable, subjectID, decidedOn, inputs, outputs, notes, operator)
            SELECT 'subsidy', ?, ?, 'policy', r.policyID, ?,
                   json_object('age', r.age, 'contribution', p.contribution, 'gender', m.gender,
                               'hardship', json(CASE WHEN m.hardship THEN 'true' ELSE 'false' END), 'plan', p.planCode,
                               'shares', p.shares, 'start', p.startDate, 'unit', m.unitCode),
                   json_object('administration', r.administration, 'member', r.member, 'union', r."union"),
                   r.notes, ?
            FROM temp.subsidyResplit r JOIN policy p ON p.id = r.policyID JOIN member m ON m.id = p.memberID
            ORDER BY r.policyID
            """, arguments: [ruleName, ruleVersionID, today, context.operatorName])
    }

    /// Each changed policy's adjusting entry, as ``LedgerService/postSet(_:_:context:)``
    /// posts it: per payer part, the change (new − old) moved between the
    /// contribution accounts — a part that shrinks is debited, one that
    /// grows credited. The changes add up to 0 (the contribution stays), so
    /// every entry balances.
    static func adjustmentSet(date: CivilDate) -> LedgerPostingSet {
        LedgerPostingSet(
            kind: .adjustment, date: date,
            memo: "'re-split of policy ' || p.id || ': subsidy split changed'",
            selection: "FROM temp.subsidyResplit r JOIN policy p ON p.id = r.policyID",
            arguments: [], order: "r.policyID",
            join: "JOIN temp.subsidyResplit r ON r.policyID = e.policyID",
            lines: [
                (.contributionsAdministration, "max(-r.dAdministration, 0)", "max(r.dAdministration, 0)"),
                (.contributionsUnion, "max(-r.dUnion, 0)", "max(r.dUnion, 0)"),
                (.contributionsMember, "max(-r.dMember, 0)", "max(r.dMember, 0)"),
            ])
    }

    /// The id the next row of `table` gets (its ids only grow: AUTOINCREMENT).
    static func nextID(_ db: Database, table: String) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM \(table)") ?? 0) + 1
    }

    private static func provenance(_ context: WriteContext) -> StatementArguments {
        [context.operatorName, context.scriptName, context.scriptSHA256]
    }
}

extension Member {
    /// A member as stored, for a formula's input: gender and birth date as
    /// the row holds them (not derived from the resident ID again, which
    /// costs more than the formula); phone and leaving dates left out.
    fileprivate init(stored id: Int64, residentID: String, name: String, gender: Gender, birthDate: CivilDate,
                     unitCode: String, hardship: Bool, status: MemberStatus, joinedOn: CivilDate) {
        self.id = id
        self.residentID = ResidentID(trusted: residentID)
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.unitCode = unitCode
        self.phone = nil
        self.hardship = hardship
        self.status = status
        self.joinedOn = joinedOn
        self.retiredOn = nil
        self.leftOn = nil
    }
}
