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
