import GRDB

/// The headline figures of a unit subtree for one programme year: employees,
/// enrolled members, policies and contributions, and the participation rate
/// (参保率 = enrolled members ÷ employees).
///
/// ```swift
/// let figures = try enrollment.participation(db, under: "BH", year: 2026)
/// figures.rateText      // "84.3%"
/// ```
public struct Participation: Hashable, Sendable {
    /// The subtree's top unit; `nil` for every unit in scope.
    public var unitCode: String?
    /// The calendar year of the terms' start.
    public var year: Int
    /// Only this plan's policies, or `nil` for all plans.
    public var planCode: String?
    /// The employees of the subtree's units in `year` (units without a headcount add 0).
    public var employees: Int
    /// Distinct members holding at least one policy (not cancelled) of a term starting in `year`.
    public var enrolledMembers: Int
    /// Those policies.
    public var policies: Int
    /// Their contributions.
    public var contributions: Money

    /// Creates figures.
    public init(unitCode: String?, year: Int, planCode: String?, employees: Int, enrolledMembers: Int,
                policies: Int, contributions: Money) {
        self.unitCode = unitCode
        self.year = year
        self.planCode = planCode
        self.employees = employees
        self.enrolledMembers = enrolledMembers
        self.policies = policies
        self.contributions = contributions
    }

    /// The participation rate in tenths of a percent, rounded half up
    /// (843 for 84.3%); `nil` when there are no employees.
    public var ratePerMille: Int? {
        guard employees > 0 else { return nil }
        return (enrolledMembers * 2000 + employees) / (2 * employees)
    }

    /// The rate as text with one decimal, `"84.3%"`, or `"–"` without employees.
    public var rateText: String {
        guard let perMille = ratePerMille else { return "–" }
        return "\(perMille / 10).\(perMille % 10)%"
    }
}

// MARK: - Reading participation

extension EnrollmentService {
    /// The participation figures of a unit subtree (by enrolling unit) for a year.
    ///
    /// Policies count unless cancelled (an expired policy of a past year
    /// still counted for that year).
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - unitCode: The subtree's top unit; `nil` for everything in scope.
    ///   - year: The calendar year of the terms' start.
    ///   - planCode: Only this plan; `nil` for all.
    /// - Returns: The figures.
    /// - Throws: ``ValidationError`` for an unknown (E208) or out-of-scope (E250) unit.
    public func participation(_ db: Database, under unitCode: String? = nil, year: Int,
                              planCode: String? = nil) throws -> Participation {
        let range = try scope.range(narrowedTo: unitCode, in: db)
        let employees = try UnitStore.employees(db, in: range, year: year)
        let figures = try PolicyStore.participation(db, range, year: year, planCode: planCode)
        return Participation(unitCode: unitCode, year: year, planCode: planCode, employees: employees,
                             enrolledMembers: figures.members, policies: figures.policies,
                             contributions: figures.contributions)
    }
}
