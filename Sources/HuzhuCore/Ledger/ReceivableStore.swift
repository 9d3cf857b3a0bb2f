import GRDB

/// The SQL of bills, receipts and their settlements (``LedgerService`` holds
/// the rules: who is billed, what a receipt settles, what is held).
enum ReceivableStore {
    // MARK: - Bills

    static func bill(_ db: Database, batchID: Int64) throws -> Bill? {
        try Bill.fetchOne(db, sql: "SELECT * FROM bill WHERE batchID = ?", arguments: [batchID])
    }

    static func dailyBill(_ db: Database, unitCode: String, on day: CivilDate) throws -> Bill? {
        try Bill.fetchOne(db, sql: "SELECT * FROM bill WHERE kind = 'daily' AND unitCode = ? AND issuedOn = ?",
                          arguments: [unitCode, day])
    }

    static func insert(_ db: Database, _ bill: inout Bill) throws {
        try bill.insert(db)
    }

    /// The batch's unit.
    static func batchUnit(_ db: Database, batchID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT unitCode FROM enrollmentBatch WHERE id = ?", arguments: [batchID])
    }

    /// The bills of the units in a range issued on or before `asOf` with something open on that day, oldest first:
    /// each with what was charged and settled by then, in total and per part (administration, union, member).
    static func openBills(_ db: Database, in range: UnitRange, asOf: CivilDate?) throws -> [OpenBillRow] {
        let day = asOf?.description ?? "9999-12-31"
        let unitCondition: SQL = range.condition(on: "b.unitCode").map { " AND " + $0 } ?? ""
        // Only the range's bills are summed (a unit's receipt reads its own bills, not the whole ledger).
        let entryBills: SQL = range.condition(on: "unitCode").map { " AND e.billID IN (SELECT id FROM bill WHERE " + $0 + ")" } ?? ""
        let settlementBills: SQL = range.condition(on: "unitCode")
            .map { " AND s.billID IN (SELECT id FROM bill WHERE " + $0 + ")" } ?? ""
        let sql: SQL = """
            SELECT b.*,
                   COALESCE(c.charged, 0) AS charged, COALESCE(c.pa, 0) AS ca, COALESCE(c.pu, 0) AS cu, COALESCE(c.pm, 0) AS cm,
                   COALESCE(s.settled, 0) AS settled, COALESCE(s.sa, 0) AS sa, COALESCE(s.su, 0) AS su, COALESCE(s.sm, 0) AS sm
            FROM bill b
            LEFT JOIN (
                SELECT e.billID,
                       SUM(CASE WHEN l.account = 'receivable:contributions' THEN l.debit - l.credit ELSE 0 END) AS charged,
                       SUM(CASE WHEN l.account = 'contributions:administration' THEN l.credit - l.debit ELSE 0 END) AS pa,
                       SUM(CASE WHEN l.account = 'contributions:union' THEN l.credit - l.debit ELSE 0 END) AS pu,
                       SUM(CASE WHEN l.account = 'contributions:member' THEN l.credit - l.debit ELSE 0 END) AS pm
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.billID IS NOT NULL AND e.kind IN ('contribution', 'reversal', 'migration') AND e.entryDate <= \(day)\(entryBills)
                GROUP BY e.billID
            ) c ON c.billID = b.id
            LEFT JOIN (
                SELECT s.billID, SUM(s.amount) AS settled, SUM(s.administration) AS sa, SUM(s."union") AS su,
                       SUM(s.member) AS sm
                FROM billSettlement s JOIN ledgerEntry e ON e.id = s.entryID
                WHERE e.entryDate <= \(day)\(settlementBills)
                GROUP BY s.billID
            ) s ON s.billID = b.id
            WHERE b.issuedOn <= \(day) AND COALESCE(c.charged, 0) > COALESCE(s.settled, 0)
            """ + unitCondition + " ORDER BY b.issuedOn, b.id"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { row in
            OpenBillRow(bill: try Bill(row: row), charged: row["charged"], chargedParts: [row["ca"], row["cu"], row["cm"]],
                        settled: row["settled"], settledParts: [row["sa"], row["su"], row["sm"]])
        }
    }

    /// A bill's figures as ``openBills(_:in:asOf:)`` reads them.
    struct OpenBillRow {
        var bill: Bill
        var charged: Int64
        var chargedParts: [Int64]
        var settled: Int64
        var settledParts: [Int64]
    }

    /// What is open on one bill, in fen (charged − settled).
    static func openAmount(_ db: Database, billID: Int64) throws -> Int64 {
        let charged = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
            WHERE e.billID = ? AND e.kind IN ('contribution', 'reversal', 'migration') AND l.account = 'receivable:contributions'
            """, arguments: [billID]) ?? 0
        let settled = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM billSettlement WHERE billID = ?",
                                         arguments: [billID]) ?? 0
        return charged - settled
    }

    static func insert(_ db: Database, _ settlement: inout BillSettlement) throws {
        try settlement.insert(db)
    }

    /// The settlements of an entry, in order.
    static func settlements(_ db: Database, entryID: Int64) throws -> [BillSettlement] {
        try BillSettlement.fetchAll(db, sql: "SELECT * FROM billSettlement WHERE entryID = ? ORDER BY id", arguments: [entryID])
    }

    // MARK: - Receipts

    static func receipt(_ db: Database, id: Int64) throws -> Receipt? {
        try Receipt.fetchOne(db, key: id)
    }

    static func receipt(_ db: Database, reference: String) throws -> Receipt? {
        try Receipt.fetchOne(db, sql: "SELECT * FROM receipt WHERE reference = ?", arguments: [reference])
    }

    static func insert(_ db: Database, _ receipt: inout Receipt) throws {
        try receipt.insert(db)
    }

    /// The unit a statement's payer names: its code, else its name when one unit has it.
    static func unitCode(_ db: Database, payer: String) throws -> String? {
        if let code = try String.fetchOne(db, sql: "SELECT code FROM unit WHERE code = ?", arguments: [payer]) { return code }
        let named = try String.fetchAll(db, sql: "SELECT code FROM unit WHERE name = ? LIMIT 2", arguments: [payer])
        return named.count == 1 ? named[0] : nil
    }

    /// The root unit (money from no known unit is held on it).
    static func rootUnit(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT code FROM unit ORDER BY length(path), path LIMIT 1")
    }

    /// What a receipt still holds in `receipts:unapplied`, in fen.
    static func held(_ db: Database, receiptID: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(l.credit - l.debit), 0) FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
            WHERE e.receiptID = ? AND l.account = 'receipts:unapplied'
            """, arguments: [receiptID]) ?? 0
    }

    /// The receipts holding money in `receipts:unapplied`, oldest first, with what each holds.
    static func unapplied(_ db: Database) throws -> [(receipt: Receipt, held: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT r.*, h.held FROM receipt r JOIN (
                SELECT e.receiptID, SUM(l.credit - l.debit) AS held FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.receiptID IS NOT NULL AND l.account = 'receipts:unapplied' GROUP BY e.receiptID
            ) h ON h.receiptID = r.id
            WHERE h.held > 0 ORDER BY r.receivedOn, r.id
            """).map { (try Receipt(row: $0), $0["held"]) }
    }

    /// The receipts of a unit's subtree, oldest first.
    static func receipts(_ db: Database, in range: UnitRange) throws -> [Receipt] {
        let condition = range.condition(on: "unitCode").map { " WHERE " + $0 } ?? SQL(sql: "")
        return try Receipt.fetchAll(db, SQLRequest<Receipt>(literal: "SELECT * FROM receipt" + condition
                                                            + " ORDER BY receivedOn, id"))
    }

    // MARK: - Check

    /// Per unit in a range: the ledger's receivable balance, what its bills charged, and what settlements took off.
    static func receivablesByUnit(_ db: Database, in range: UnitRange) throws -> [(unit: String, ledger: Int64, charged: Int64, settled: Int64)] {
        let scoped = range.condition(on: "u.code").map { " AND " + $0 } ?? SQL(sql: "")
        let sql: SQL = """
            SELECT u.code, COALESCE(x.ledger, 0), COALESCE(c.charged, 0), COALESCE(s.settled, 0)
            FROM unit u
            LEFT JOIN (
                SELECT e.unitCode, SUM(l.debit - l.credit) AS ledger FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE l.account = 'receivable:contributions' GROUP BY e.unitCode
            ) x ON x.unitCode = u.code
            LEFT JOIN (
                SELECT b.unitCode, SUM(l.debit - l.credit) AS charged
                FROM bill b JOIN ledgerEntry e ON e.billID = b.id JOIN ledgerLine l ON l.entryID = e.id
                WHERE l.account = 'receivable:contributions' AND e.kind IN ('contribution', 'reversal', 'migration')
                GROUP BY b.unitCode
            ) c ON c.unitCode = u.code
            LEFT JOIN (
                SELECT b.unitCode, SUM(s.amount) AS settled FROM bill b JOIN billSettlement s ON s.billID = b.id GROUP BY b.unitCode
            ) s ON s.unitCode = u.code
            WHERE (x.ledger IS NOT NULL OR c.charged IS NOT NULL OR s.settled IS NOT NULL)
            """ + scoped + " ORDER BY u.path"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// Σ receipts and Σ what settlements applied from receipts, in fen (the whole fund).
    static func receiptTotals(_ db: Database) throws -> (received: Int64, applied: Int64) {
        let received = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM receipt") ?? 0
        let applied = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(amount), 0) FROM billSettlement WHERE receiptID IS NOT NULL
            """) ?? 0
        return (received, applied)
    }
}
