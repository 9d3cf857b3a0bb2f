extension EnrollmentService {
    /// One group enrolment of many: a unit into a plan, on its own day.
    public struct UnitEnrollment: Sendable {
        /// Unit, plan, term and shares.
        public var request: GroupEnrollmentRequest
        /// Operator, script and the day of the enrolment.
        public var context: WriteContext

        /// Creates one enrolment of many.
        public init(_ request: GroupEnrollmentRequest, context: WriteContext) {
            self.request = request
            self.context = context
        }
    }

    /// Enrols many units, in order, each exactly as ``enrollUnit(_:_:context:)``
    /// does (the same checks, split, budget, ledger and audit rows), as one
    /// large write: a year's group enrolments of a city in one go, with the
    /// page cache and indexes of a bulk write (``LargeWrite``). All or
    /// nothing: the first refusal (or an error thrown by `each`) throws and
    /// none of the list stays. Each result is handed to `each` as it comes,
    /// so a city's millions of policies are never all held at once.
    ///
    /// ```swift
    /// try enrollment.enrollUnits(db, [
    ///     .init(GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: march2),
    ///     .init(GroupEnrollmentRequest(unitCode: "BH002", planCode: "ACC"), context: march3),
    /// ]) { index, result in print(index, result.batch.enrolled) }
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - enrollments: The enrolments, in the order to take them.
    ///   - each: Called with each enrolment's position in `enrollments` and its result, in order.
    /// - Throws: The first enrolment's ``ValidationError`` (as ``enrollUnit(_:_:context:)``),
    ///   what `each` throws, or a database error.
    public func enrollUnits(_ db: DatabaseConnection, _ enrollments: [UnitEnrollment],
                            each: (Int, GroupEnrollmentResult) throws -> Void) throws {
        try LargeWrite.run(db, deferring: LargeWrite.indexesNotReadByEnrollment) {
            for (index, enrollment) in enrollments.enumerated() {
                try each(index, try enrollUnit(db, enrollment.request, context: enrollment.context))
            }
        }
    }
}
