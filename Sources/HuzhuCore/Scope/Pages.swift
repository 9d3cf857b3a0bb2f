import GRDB

/// Listings in pages, for callers that write between reads (a Lua loop that
/// enrolls the members it iterates): each page is a fresh query that
/// resumes after the last key seen, so writes never disturb an open
/// statement and memory stays constant however many rows there are.
///
/// ```swift
/// var after: Int64? = nil
/// repeat {
///     let page = try services.members.page(db, filter, after: after, limit: 500)
///     for member in page { … }
///     after = page.last?.id
/// } while after != nil
/// ```
extension MemberService {
    /// Up to `limit` members matching `filter` with a row id above `after`, in id order.
    public func page(_ db: Database, _ filter: MemberFilter, after: Int64?, limit: Int) throws -> [Member] {
        try MemberStore.page(db, try range(db, filter), status: filter.status, hardship: filter.hardship,
                             after: after, limit: limit)
    }
}

extension EnrollmentService {
    /// Up to `limit` policies matching `filter` with a row id above `after`, in id order.
    public func page(_ db: Database, _ filter: PolicyFilter, after: Int64?, limit: Int) throws -> [PolicyDetail] {
        try PolicyStore.page(db, where: try conditions(db, filter), after: after, limit: limit)
    }
}

extension UnitService {
    /// Up to `limit` units matching `filter` whose path sorts after `afterPath`, in path order (parents first).
    public func page(_ db: Database, _ filter: UnitFilter, afterPath: String?, limit: Int) throws -> [Unit] {
        try UnitStore.page(db, try scope.range(narrowedTo: filter.under, in: db), kind: filter.kind, afterPath: afterPath,
                           limit: limit)
    }
}
