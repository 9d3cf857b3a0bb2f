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
        guard try UnitStore.unit(db, code: unitCode) != nil else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: "unit", value: .plain(unitCode), ["code": unitCode]))
        }
        if let refused = try scope.failure(setting: "setSubsidyBudget", for: unitCode, field: "unit", in: db) {
            throw ValidationError(refused)
        }
        guard amount.fen >= 0 else {
            throw ValidationError(ValidationFailure(.splitNegative, field: "amount", value: .plain(amount.description),
                                                    ["part": "budget", "amount": amount.description]))
        }
        try SubsidyStore.save(db, SubsidyBudget(unitCode: unitCode, year: year, amount: amount))
        try AuditLog.record(db, context: context, action: "insert", operation: "setSubsidyBudget", table: "subsidyBudget",
                            rowKey: "\(unitCode)/\(year)", summary: ["amount": .integer(amount.fen)])
    }

    /// The budget that applies to a unit in a year: its own, else the nearest ancestor's.
    ///
    /// A scoped caller sees a budget only when the unit and the budget's own
    /// unit both lie inside the scope: a budget set above the scope (its use
    /// sums units outside it) reads as none, like every other row outside.
    public func status(_ db: Database, forUnit unitCode: String, year: Int) throws -> SubsidyBudgetStatus? {
        guard let unit = try UnitStore.unit(db, code: unitCode) else { return nil }
        if scope.unitCode != nil {
            guard let status = try SubsidyBudgetService().status(db, forUnit: unitCode, year: year),
                  try scope.contains(unit.code, in: db), try scope.contains(status.unitCode, in: db)
            else { return nil }
            return status
        }
        let chain = unit.path.split(separator: "/").map(String.init).reversed()
        for code in chain {
            guard let budget = try SubsidyStore.budget(db, unitCode: code, year: year),
                  let path = try UnitStore.path(db, code: code)
            else { continue }
            let used = try SubsidyStore.unionShares(db, year: year, under: path)
            return SubsidyBudgetStatus(unitCode: code, year: year, amount: budget.amount, used: Money(fen: used))
        }
        return nil
    }
}
