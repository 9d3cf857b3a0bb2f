import GRDB

/// The database schema as an ordered list of named migrations.
///
/// Each migration is named for its intent and never edited once shipped;
/// a change to the schema is a new migration appended here.
///
/// ```swift
/// try Schema.migrator.migrate(dbQueue)
/// ```
public enum Schema {
    /// The migrator that brings a database to the current schema.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createOffices", migrate: Migrations.createOffices)
        migrator.registerMigration("createUnits", migrate: Migrations.createUnits)
        migrator.registerMigration("createUnitHeadcounts", migrate: Migrations.createUnitHeadcounts)
        migrator.registerMigration("createMembers", migrate: Migrations.createMembers)
        migrator.registerMigration("createPlans", migrate: Migrations.createPlans)
        migrator.registerMigration("createPlanTerms", migrate: Migrations.createPlanTerms)
        migrator.registerMigration("createEnrollmentBatches", migrate: Migrations.createEnrollmentBatches)
        migrator.registerMigration("createPolicies", migrate: Migrations.createPolicies)
        migrator.registerMigration("createAudit", migrate: Migrations.createAudit)
        migrator.registerMigration("createJobRuns", migrate: Migrations.createJobRuns)
        migrator.registerMigration("addPlanBenefitBase", migrate: Migrations.addPlanBenefitBase)
        migrator.registerMigration("createClaims", migrate: Migrations.createClaims)
        migrator.registerMigration("createLedger", migrate: Migrations.createLedger)
        migrator.registerMigration("createRuleVersions", migrate: Migrations.createRuleVersions)
        migrator.registerMigration("createDecisions", migrate: Migrations.createDecisions)
        migrator.registerMigration("createSubsidyBudgets", migrate: Migrations.createSubsidyBudgets)
        migrator.registerMigration("createTargets", migrate: Migrations.createTargets)
        migrator.registerMigration("createAppraisals", migrate: Migrations.createAppraisals)
        migrator.registerMigration("addTermRules", migrate: Migrations.addTermRules)
        migrator.registerMigration("addOfficeParentAndUnitClosing", migrate: Migrations.addOfficeParentAndUnitClosing)
        migrator.registerMigration("createMemberEvents", migrate: Migrations.createMemberEvents)
        migrator.registerMigration("addPolicyCancellation", migrate: Migrations.addPolicyCancellation)
        migrator.registerMigration("createClaimAdjustments", migrate: Migrations.createClaimAdjustments)
        migrator.registerMigration("createBillsAndReceipts", migrate: Migrations.createBillsAndReceipts)
        migrator.registerMigration("addClaimPayables", migrate: Migrations.addClaimPayables)
        migrator.registerMigration("createPayouts", migrate: Migrations.createPayouts)
        migrator.registerMigration("createLedgerClosings", migrate: Migrations.createLedgerClosings)
        return migrator
    }
}

/// The bodies of the migrations, one file per area.
enum Migrations {}
