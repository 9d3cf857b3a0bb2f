import GRDB

/// What ``MemberService/anonymise(_:leftBefore:dryRun:context:)`` did (or, in a dry run, would do).
public struct Anonymisation: Hashable, Sendable {
    /// Members left or died before this day.
    public var leftBefore: CivilDate
    /// Members whose name, resident ID and phone were replaced.
    public var anonymised: Int
    /// Members left as they are because a claim of theirs is still open.
    public var openClaims: Int
    /// Members anonymised before, left as they are.
    public var alreadyAnonymised: Int

    /// Creates a value.
    public init(leftBefore: CivilDate, anonymised: Int = 0, openClaims: Int = 0, alreadyAnonymised: Int = 0) {
        self.leftBefore = leftBefore
        self.anonymised = anonymised
        self.openClaims = openClaims
        self.alreadyAnonymised = alreadyAnonymised
    }
}

extension MemberService {
    /// The prefix of an anonymised member's name (`已匿名-000123`).
    public static let pseudonymPrefix = "已匿名-"

    /// The stand-in name of an anonymised member: `已匿名-` and the row id, six digits at least.
    public static func pseudonymName(memberID: Int64) -> String {
        let digits = String(memberID)
        return pseudonymPrefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Removes the personal data of members who left (离职) or died (身故)
    /// before a day and whose claims are all closed (paid or rejected), so
    /// that it is kept no longer than needed (PIPL): the name becomes
    /// `已匿名-000123`, the resident ID a pseudonym
    /// (``ResidentID/pseudonym(memberID:of:)``, keeping birth date and
    /// gender), the phone is removed. Everything else stays: status and
    /// dates, unit, hardship, policies, claims, the ledger, decisions — so
    /// every report's figures (counts, ages, genders, amounts) are the same.
    ///
    /// Members of the scope only; a member with an open claim, or already
    /// anonymised, is left as is (and counted). Each member's history gets
    /// an `updated` event (`name`, `residentID`, `phone`); the run gets one
    /// audit row (`anonymiseMembers`: the date and the counts, no personal
    /// data), none when nobody changed.
    ///
    /// ```swift
    /// let result = try members.anonymise(db, leftBefore: CivilDate(year: 2024, month: 1, day: 1)!, context: context)
    /// result.anonymised   // 12
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - date: Members who left or died before this day.
    ///   - dryRun: Count, then roll back what was changed.
    ///   - context: Operator, script and today's date.
    /// - Returns: The counts.
    /// - Throws: ``ValidationError`` E320 when a member's row id is beyond what a pseudonym holds.
    @discardableResult
    public func anonymise(_ db: Database, leftBefore date: CivilDate, dryRun: Bool = false,
                          context: WriteContext) throws -> Anonymisation {
        var result = Anonymisation(leftBefore: date)
        let range = try scope.range(in: db)
        try db.inSavepoint {
            for member in try MemberStore.leftBefore(db, range, date: date) {
                let id = member.id!
                if member.residentID.isPseudonym {
                    result.alreadyAnonymised += 1
                    continue
                }
                if try MemberStore.hasOpenClaim(db, memberID: id) {
                    result.openClaims += 1
                    continue
                }
                guard let pseudonym = ResidentID.pseudonym(memberID: id, of: member.residentID) else {
                    throw ValidationError(ValidationFailure(.pseudonymOutOfRange, field: "id", value: .plain(String(id)), [
                        "id": String(id), "largest": String(ResidentID.largestPseudonymousID),
                    ]))
                }
                try MemberStore.anonymise(db, memberID: id, name: Self.pseudonymName(memberID: id), residentID: pseudonym.value)
                try record(db, MemberEvent(memberID: id, kind: .updated, effectiveOn: context.today,
                                           changed: ["name", "residentID", "phone"],
                                           recordedOn: context.today, provenance: Provenance(context)))
                result.anonymised += 1
            }
            if result.anonymised > 0 {
                try AuditLog.record(db, context: context, action: "update", operation: "anonymiseMembers", table: "member",
                                    rowKey: "leftBefore:\(date)", summary: [
                                        "leftBefore": .text(date.description), "count": .integer(Int64(result.anonymised)),
                                        "openClaims": .integer(Int64(result.openClaims)),
                                        "alreadyAnonymised": .integer(Int64(result.alreadyAnonymised)),
                                        "scope": .text(scope.unitCode ?? "all"),
                                    ])
            }
            return dryRun ? .rollback : .commit
        }
        return result
    }
}
