import GRDB

extension Migrations {
    static func createEnrollmentBatches(_ db: Database) throws {
        try db.create(table: "enrollmentBatch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("unitCode", .text).notNull().references("unit").indexed()
            t.column("planTermID", .integer).notNull().references("planTerm").indexed()
            t.column("enrolledOn", .text).notNull()
            t.column("enrolled", .integer).notNull()
            t.column("alreadyEnrolled", .integer).notNull()
            t.column("employees", .integer)
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
    }

    static func createPolicies(_ db: Database) throws {
        try db.create(table: "policy") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("memberID", .integer).notNull().references("member")
            t.column("planTermID", .integer).notNull().references("planTerm").indexed()
            t.column("planCode", .text).notNull().references("plan")
            t.column("year", .integer).notNull().indexed()
            t.column("unitCode", .text).notNull().references("unit")
            t.column("shares", .integer).notNull().check { $0 >= 1 }
            t.column("startDate", .text).notNull()
            t.column("endDate", .text).notNull()
            t.column("contribution", .integer).notNull()
            t.column("splitAdministration", .integer).notNull().check { $0 >= 0 }
            t.column("splitUnion", .integer).notNull().check { $0 >= 0 }
            t.column("splitMember", .integer).notNull().check { $0 >= 0 }
            t.column("batchID", .integer).references("enrollmentBatch").indexed()
            t.column("status", .text).notNull()
            t.column("enrolledOn", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            // The split always adds up, whatever writes the row.
            t.check(sql: "splitAdministration + splitUnion + splitMember = contribution")
        }
        try db.create(index: "policy_on_memberID_planTermID", on: "policy", columns: ["memberID", "planTermID"])
        try db.create(index: "policy_on_unitCode_year", on: "policy", columns: ["unitCode", "year"])
        try db.create(index: "policy_on_planCode_year", on: "policy", columns: ["planCode", "year"])
    }
}

extension Migrations {
    /// Issue 15: a cancelled policy keeps the last covered day, the reason
    /// and the refund given back to each payer (0 when nothing was refunded).
    static func addPolicyCancellation(_ db: Database) throws {
        try db.alter(table: "policy") { t in
            t.add(column: "cancelledOn", .text)
            t.add(column: "cancelReason", .text)
            t.add(column: "refundAdministration", .integer).notNull().defaults(to: 0)
            t.add(column: "refundUnion", .integer).notNull().defaults(to: 0)
            t.add(column: "refundMember", .integer).notNull().defaults(to: 0)
        }
    }
}
