import Foundation
import GRDB

/// The unit kinds an appraisal ranks together: one (`district`) or several
/// (`county,district,industry` — district, county and industrial unions in one
/// ranking). Kept sorted by name without duplicates, so the same list always
/// names the same run: a run is keyed by its level, period and year, and a
/// combined run neither replaces nor is replaced by the single-kind runs of
/// its kinds. Stored as the comma-joined names (a single kind exactly as its name).
///
/// ```swift
/// let level: AppraisalLevel = [.industry, .district, .county]
/// level.rawValue                                              // "county,district,industry"
/// try AppraisalLevel(parsing: "district,industry").kinds     // [.district, .industry]
/// ```
public struct AppraisalLevel: Hashable, Sendable, Codable, DatabaseValueConvertible, ExpressibleByArrayLiteral,
                              CustomStringConvertible {
    /// A name that is not a unit kind.
    public struct UnknownKind: Error, Hashable, Sendable, CustomStringConvertible {
        /// The name as given.
        public let name: String
        /// `'x' is not one of federation, district, …`.
        public var description: String {
            "'\(name)' is not one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }

    /// The kinds, sorted by name, without duplicates; never empty.
    public let kinds: [UnitKind]

    /// The kinds given (in any order, duplicates ignored); at least one.
    public init(_ kinds: [UnitKind]) {
        precondition(!kinds.isEmpty, "an appraisal level names at least one unit kind")
        self.kinds = Set(kinds).sorted { $0.rawValue < $1.rawValue }
    }

    /// One kind.
    public init(_ kind: UnitKind) { self.init([kind]) }

    public init(arrayLiteral kinds: UnitKind...) { self.init(kinds) }

    /// The kinds named (any order, duplicates ignored, surrounding spaces trimmed).
    ///
    /// - Throws: ``UnknownKind`` for the first name that is not a unit kind (an empty list is the unknown name '').
    public init(names: [String]) throws(UnknownKind) {
        var kinds: [UnitKind] = []
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let kind = UnitKind(rawValue: name) else { throw UnknownKind(name: name) }
            kinds.append(kind)
        }
        guard !kinds.isEmpty else { throw UnknownKind(name: "") }
        self.init(kinds)
    }

    /// The comma-separated names: `district,county,industry`.
    public init(parsing text: String) throws(UnknownKind) {
        try self.init(names: text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    /// The sorted names joined by commas, as stored: `county,district,industry`.
    public var rawValue: String { kinds.map(\.rawValue).joined(separator: ",") }

    public var description: String { rawValue }

    /// Whether `kind` is ranked in this level.
    public func contains(_ kind: UnitKind) -> Bool { kinds.contains(kind) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> AppraisalLevel? {
        String.fromDatabaseValue(dbValue).flatMap { try? AppraisalLevel(parsing: $0) }
    }
}
