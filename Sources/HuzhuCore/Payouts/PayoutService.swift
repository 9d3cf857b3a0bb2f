import Foundation
import GRDB

/// Pays approved claims through the bank (代发): payee accounts, the batch
/// file sent to the bank, and the bank's answer.
///
/// A member may have a payee bank account and a claim may name another
/// payee (a death benefit's beneficiary); account numbers are checked
/// (``BankAccountNumber``) and shown masked everywhere but in the bank's
/// batch file. ``batch(_:file:workspace:on:context:)`` writes that file for
/// every approved claim with an amount payable and an account, and marks
/// each payment sent (a `payoutItem` row; the claim stays approved and
/// cannot be paid otherwise meanwhile, E933);
/// ``reconcile(_:file:context:)`` reads the bank's answer: a success pays
/// the claim (``ClaimService/pay(_:claimID:_:context:)``, bank transfer, on
/// the bank's date: Dr benefits:payable, Cr fund:cash), a failure leaves it
/// approved for the next batch with the bank's message.
///
/// ```swift
/// let payouts = PayoutService(scope: .everything)
/// let sent = try payouts.batch(db, file: URL(fileURLWithPath: "bank/2026-11-05.csv"), workspace: root,
///                              context: context)
/// // … the bank answers …
/// let answer = try payouts.reconcile(db, file: URL(fileURLWithPath: "bank/answer.csv"), context: context)
/// ```
public struct PayoutService: Sendable {
    /// The part of the tree this service sees and may pay (by the claim's unit).
    public let scope: Scope

    /// Creates a service.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Accounts

    /// Sets (or replaces) a member's payee bank account.
    ///
    /// - Returns: The account as shown (masked).
    /// - Throws: ``ValidationError`` E305 (unknown member), E250 (outside the scope),
    ///   E318 (no bank), E317 (not 10–30 digits), E316 (a UnionPay card's check digit).
    @discardableResult
    public func setMemberAccount(_ db: Database, residentID: String, bank: String, account: String,
                                 context: WriteContext) throws -> PayeeAccount {
        let member = try MemberService(scope: scope).visibleMember(db, residentID: residentID, field: "residentID")
        let subject = ValidationFailure.Subject.member(member.residentID.value)
        let (bank, number) = try Self.checked(bank: bank, account: account, subject: subject)
        try db.inSavepoint {
            try PayoutStore.setMemberAccount(db, memberID: member.id!, bank: bank, account: number, since: context.today,
                                             operatorName: context.operatorName)
            try AuditLog.record(db, context: context, action: "update", operation: "setMemberBankAccount",
                                table: "memberBankAccount", rowKey: String(member.id!),
                                summary: ["bank": .text(bank), "account": .text(number.masked)])
            return .commit
        }
        return PayeeAccount(name: member.name, bank: bank, account: number.masked, otherPayee: false)
    }

    /// A member's payee account (masked), or `nil`.
    ///
    /// - Throws: ``ValidationError`` E305, E250.
    public func memberAccount(_ db: Database, residentID: String) throws -> PayeeAccount? {
        let member = try MemberService(scope: scope).visibleMember(db, residentID: residentID, field: "residentID")
        return try PayoutStore.memberAccount(db, memberID: member.id!).map {
            PayeeAccount(name: member.name, bank: $0.bank, account: $0.masked, otherPayee: false)
        }
    }

    /// Names another payee of a claim (a death benefit's beneficiary), replacing an earlier one.
    ///
    /// - Returns: The payee as shown (masked).
    /// - Throws: ``ValidationError`` E601 (unknown or outside the scope), E933 (waiting in a sent batch),
    ///   E939 (no name), E318, E317, E316.
    @discardableResult
    public func setClaimPayee(_ db: Database, claimID: Int64, name: String, bank: String, account: String,
                              context: WriteContext) throws -> PayeeAccount {
        let claims = ClaimService(scope: scope)
        _ = try claims.visibleClaim(db, id: claimID)
        try claims.refuseIfSent(db, claimID: claimID)
        let subject = ValidationFailure.Subject.claim(claimID)
        let name = name.trimmingCharacters(in: .whitespaces)
        var failures = FailureCollector()
        if name.isEmpty {
            failures.add(.payeeNameRequired, field: "name", subject: subject, ["claim": String(claimID)])
        }
        let checked = try failures.capture(field: "account") { try Self.checked(bank: bank, account: account, subject: subject) }
        try failures.throwIfAny()
        guard let (bank, number) = checked else { preconditionFailure("checked above") }
        try db.inSavepoint {
            try PayoutStore.setClaimPayee(db, claimID: claimID, name: name, bank: bank, account: number,
                                          operatorName: context.operatorName)
            try AuditLog.record(db, context: context, action: "update", operation: "setClaimPayee", table: "claimPayee",
                                rowKey: String(claimID),
                                summary: ["bank": .text(bank), "account": .text(number.masked)])
            return .commit
        }
        return PayeeAccount(name: name, bank: bank, account: number.masked, otherPayee: true)
    }

    /// Who a claim is paid to (masked): its other payee, else the member's account; `nil` when neither.
    ///
    /// - Throws: ``ValidationError`` E601.
    public func payee(_ db: Database, claimID: Int64) throws -> PayeeAccount? {
        let claim = try ClaimService(scope: scope).visibleClaim(db, id: claimID)
        if let payee = try PayoutStore.claimPayee(db, claimID: claimID) {
            return PayeeAccount(name: payee.name, bank: payee.bank, account: payee.masked, otherPayee: true)
        }
        guard let member = try MemberStore.member(db, id: claim.memberID),
              let account = try PayoutStore.memberAccount(db, memberID: claim.memberID) else { return nil }
        return PayeeAccount(name: member.name, bank: account.bank, account: account.masked, otherPayee: false)
    }

    /// A bank and account number checked: the bank given (E318), the number valid (E317, E316).
    static func checked(bank: String, account: String,
                        subject: ValidationFailure.Subject?) throws -> (String, BankAccountNumber) {
        let bank = bank.trimmingCharacters(in: .whitespaces)
        var failures = FailureCollector()
        if bank.isEmpty { failures.add(.bankNameRequired, field: "bank", subject: subject) }
        var number: BankAccountNumber?
        do {
            number = try BankAccountNumber(parsing: account)
        } catch let failure as ValidationFailure {
            failures.add(subject.map { failure.about($0) } ?? failure)
        }
        try failures.throwIfAny()
        return (bank, number!)
    }
}
