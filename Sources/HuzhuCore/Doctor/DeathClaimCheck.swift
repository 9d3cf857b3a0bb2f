import GRDB

/// A member whose death claim was approved or paid is recorded as
/// deceased: a death is recorded by ``MemberService/leave(_:residentID:_:on:context:)``
/// (which ends the member's policies), never by approving the claim, so a
/// member still active after their death benefit is work left undone — and
/// would be enrolled again next year.
struct DeathClaimCheck: DoctorCheck {
    let name = "deaths"
    let summary = "every member with an approved or paid death claim is recorded as deceased"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        try DoctorStore.deathClaimsOfLivingMembers(db) { claimID, memberID, status, memberStatus, incident in
            findings.add("claim \(claimID): death on \(incident) \(status), but member \(memberID) is \(memberStatus) "
                         + "(record it: huzhu.members.leave(id, {date = \"\(incident)\", reason = \"deceased\"}) "
                         + "or huzhu import member-changes)")
        }
    }
}
