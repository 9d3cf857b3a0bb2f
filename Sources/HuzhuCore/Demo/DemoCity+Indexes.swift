// MARK: - Indexes built after the enrollments

extension DemoCity {
    /// The secondary indexes that the group enrollments write but never
    /// read: dropped while the city's enrollments are written and built
    /// again right after them (``DroppedIndexes``, as ``BulkLoad`` does for
    /// the member table during an import). One absent from the schema is
    /// skipped.
    ///
    /// What the enrollments read stays in place: the member indexes, the
    /// policies by member (already-enrolled and exclusive-group checks) and
    /// by batch, the ledger entries by policy (contributions posted once),
    /// and every unique index (they keep being enforced on each insert).
    /// So do the ledger lines' indexes and the entries by claim: the
    /// enrollments add to them at their ends, as cheap as building them
    /// again (measured: deferring them too made the build slower).
    static let indexesBuiltAfterEnrollment = [
        "policy_on_planTermID", "policy_on_year", "policy_on_unitCode_year", "policy_on_planCode_year",
        "ledgerEntry_on_entryDate", "audit_on_tableName_rowKey",
    ]
}
