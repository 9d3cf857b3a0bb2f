import Foundation
import GRDB

/// What the units, members and policies importers have in common: they
/// import a file inside a connection's transaction (as a savepoint, or in a
/// transaction of their own when there is none).
public protocol CSVImporter: Sendable {
    /// Imports a file inside the caller's transaction.
    ///
    /// - Returns: What was imported.
    /// - Throws: ``ImportFailure`` when an atomic import found invalid rows;
    ///   ``CSVError``/``CSVErrors`` for a file that cannot be read (nothing is
    ///   imported, even with `skipInvalid`); a database error.
    func importFile(_ url: URL, into db: Database, context: WriteContext,
                    progress: ((CSVProgress) -> Void)?) throws -> ImportReport
}

extension CSVImporter {
    /// Imports a file in its own transaction.
    ///
    /// ```swift
    /// let report = try MemberImporter().importFile(url, into: database, context: context)
    /// print(report.summary)   // imported 50,000 members
    /// ```
    ///
    /// - Parameters:
    ///   - url: The CSV file.
    ///   - database: The database.
    ///   - context: Operator and business date.
    ///   - progress: Called every ``ImportOptions/progressInterval`` rows and at the end.
    /// - Returns: What was imported.
    /// - Throws: as ``importFile(_:into:context:progress:)``.
    @discardableResult
    public func importFile(_ url: URL, into database: HuzhuDatabase, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        try database.write(.commit) { session in
            try importFile(url, into: session.connection, context: context, progress: progress)
        }
    }
}
