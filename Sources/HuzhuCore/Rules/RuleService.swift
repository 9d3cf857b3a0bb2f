import Foundation
import GRDB

/// Registers rule versions and finds the one in force on a date.
///
/// ```swift
/// let v = try rules.activate(db, name: "subsidy", text: source, sha256: hash,
///                            effectiveFrom: CivilDate(year: 2026, month: 7, day: 1)!, context: context)
/// let inForce = try rules.version(db, name: "subsidy", on: today)
/// ```
public struct RuleService: Sendable {
    /// The caller's scope: activating a rule is for the whole federation (E251 when scoped).
    public let scope: Scope

    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// Registers `text` as the version of rule `name` in force from `effectiveFrom`.
    ///
    /// Registering the very same text for the same date again returns the
    /// existing version instead of adding a copy.
    /// - Throws: ``ValidationError`` for an empty or ill-formed name, E251 in a scoped run.
    @discardableResult
    public func activate(_ db: Database, name: String, text: String, sha256: String, effectiveFrom: CivilDate,
                         context: WriteContext) throws -> RuleVersion {
        if let refused = scope.failure(federationOperation: "activateRule", field: "name", value: .plain(name)) {
            throw ValidationError(refused)
        }
        guard name.range(of: "^[a-z][a-z0-9_]{0,39}$", options: .regularExpression) != nil else {
            throw ValidationError(ValidationFailure(.ruleName, field: "name", value: .plain(name), ["name": name]))
        }
        if let same = try RuleStore.version(db, name: name, sha256: sha256, effectiveFrom: effectiveFrom) {
            return same
        }
        var version = RuleVersion(id: nil, name: name, sha256: sha256, text: text, effectiveFrom: effectiveFrom,
                                  operatorName: context.operatorName, registeredAt: AuditLog.timestamp(context.clock()))
        try RuleStore.insert(db, &version)
        try AuditLog.record(db, context: context, action: "insert", operation: "activateRule", table: "ruleVersion",
                            rowKey: String(version.id!), summary: ["name": .text(name), "sha256": .text(sha256),
                                                                "effectiveFrom": .text(effectiveFrom.description)])
        return version
    }

    /// The version of `name` in force on `date`, or nil if none had started.
    public func version(_ db: Database, name: String, on date: CivilDate) throws -> RuleVersion? {
        try RuleStore.version(db, name: name, on: date)
    }

    /// Every version of `name`, oldest first.
    public func versions(_ db: Database, name: String) throws -> [RuleVersion] {
        try RuleStore.versions(db, name: name)
    }

    /// A version by id.
    public func version(_ db: Database, id: Int64) throws -> RuleVersion? {
        try RuleStore.version(db, id: id)
    }

    /// The names of all registered rules.
    public func names(_ db: Database) throws -> [String] {
        try RuleStore.names(db)
    }
}
