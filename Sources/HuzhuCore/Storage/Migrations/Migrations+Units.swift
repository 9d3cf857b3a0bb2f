import GRDB

extension Migrations {
    static func createOffices(_ db: Database) throws {
        try db.create(table: "office") { t in
            t.primaryKey("code", .text)
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
        }
    }

    static func createUnits(_ db: Database) throws {
        try db.create(table: "unit") { t in
            t.primaryKey("code", .text)
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("parentCode", .text).references("unit").indexed()
            t.column("officeCode", .text).references("office").indexed()
            // "/FED/BH/BH001/": a subtree is the range [path, path with its last "/" as "0").
            t.column("path", .text).notNull().unique()
        }
    }

    static func createUnitHeadcounts(_ db: Database) throws {
        try db.create(table: "unitHeadcount") { t in
            t.column("unitCode", .text).notNull().references("unit", onDelete: .cascade)
            t.column("year", .integer).notNull()
            t.column("employees", .integer).notNull().check { $0 >= 0 }
            t.primaryKey(["unitCode", "year"])
        }
    }
}

extension Migrations {
    /// Issue 14: an office may stand under a parent office (a 代办处 under
    /// the 办事处), and a unit may be closed on a date (no new enrolments
    /// after it). Both columns are nullable: existing offices have no
    /// parent and existing units are open.
    static func addOfficeParentAndUnitClosing(_ db: Database) throws {
        try db.alter(table: "office") { t in
            t.add(column: "parentCode", .text).references("office")
        }
        try db.alter(table: "unit") { t in
            t.add(column: "closedOn", .text)
        }
    }
}
