import GRDB

/// A unit's subsidy budget for a year: what its union may put into members' contributions.
public struct SubsidyBudget: Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "subsidyBudget"
    public var unitCode: String
    public var year: Int
    public var amount: Money

    public init(unitCode: String, year: Int, amount: Money) {
        self.unitCode = unitCode
        self.year = year
        self.amount = amount
    }
}

/// A budget with what has been used of it.
public struct SubsidyBudgetStatus: Hashable, Sendable {
    public var unitCode: String
    public var year: Int
    public var amount: Money
    /// The union shares of the active policies of that year in the unit's subtree.
    public var used: Money
    public var remaining: Money { Money(fen: amount.fen - used.fen) }
}

/// Setting and reading subsidy budgets.
public struct SubsidyBudgetService: Sendable {
    /// The caller's scope: it may set budgets of units strictly inside it only.
    public let scope: Scope

    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// Sets (or replaces) a unit's budget for a year; audited.
    ///
    /// - Throws: ``ValidationError``: E208 unknown unit, E250 outside the scope,
    ///   E252 the scope's own unit or one above it, E508 a negative amount.
    public func set(_ db: Database, unitCode: String, year: Int, amount: Money, context: WriteContext) throws {
        guard try Unit.fetchOne(db, key: unitCode) != nil else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: "unit", value: .plain(unitCode), ["code": unitCode]))
        }
        if let refused = try scope.failure(setting: "setSubsidyBudget", for: unitCode, field: "unit", in: db) {
            throw ValidationError(refused)
        }
        guard amount.fen >= 0 else {
            throw ValidationError(ValidationFailure(.splitNegative, field: "amount", value: .plain(amount.description),
                                                    ["part": "budget", "amount": amount.description]))
        }
        try SubsidyBudget(unitCode: unitCode, year: year, amount: amount).save(db)
        try AuditLog.record(db, context: context, action: "insert", operation: "setSubsidyBudget", table: "subsidyBudget",
                            rowKey: "\(unitCode)/\(year)", summary: ["amount": .integer(amount.fen)])
    }

    /// The budget that applies to a unit in a year: its own, else the nearest ancestor's.
    ///
    /// A scoped caller sees a budget only when the unit and the budget's own
    /// unit both lie inside the scope: a budget set above the scope (its use
    /// sums units outside it) reads as none, like every other row outside.
    public func status(_ db: Database, forUnit unitCode: String, year: Int) throws -> SubsidyBudgetStatus? {
        guard let unit = try Unit.fetchOne(db, key: unitCode) else { return nil }
        if scope.unitCode != nil {
            guard let status = try SubsidyBudgetService().status(db, forUnit: unitCode, year: year),
                  try scope.contains(unit.code, in: db), try scope.contains(status.unitCode, in: db)
            else { return nil }
            return status
        }
        let chain = unit.path.split(separator: "/").map(String.init).reversed()
        for code in chain {
            guard let budget = try SubsidyBudget.fetchOne(db, key: ["unitCode": code, "year": year]),
                  let path = try String.fetchOne(db, sql: "SELECT path FROM unit WHERE code = ?", arguments: [code])
            else { continue }
            let upper = String(path.dropLast()) + "0"
            let used = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(splitUnion), 0) FROM policy
                WHERE status = 'active' AND year = ? AND unitCode IN (SELECT code FROM unit WHERE path >= ? AND path < ?)
                """, arguments: [year, path, upper]) ?? 0
            return SubsidyBudgetStatus(unitCode: code, year: year, amount: budget.amount, used: Money(fen: used))
        }
        return nil
    }
}
