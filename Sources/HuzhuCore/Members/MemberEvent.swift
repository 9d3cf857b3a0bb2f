import Foundation
import GRDB

/// What happened to a member (a life event).
public enum MemberEventKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Joined the union (入会): the member row itself, never stored as an event.
    case registered
    /// Name, phone or hardship changed.
    case updated
    /// Moved to another unit (调动).
    case transferred
    /// Retired (退休).
    case retired
    /// Left the unit or the union (离职).
    case left
    /// Died (身故).
    case deceased
    /// Became active again.
    case reactivated

    /// The Chinese word.
    public var chinese: String {
        switch self {
        case .registered: return "入会"
        case .updated: return "变更"
        case .transferred: return "调动"
        case .retired: return "退休"
        case .left: return "离职"
        case .deceased: return "身故"
        case .reactivated: return "恢复在职"
        }
    }
}

/// One entry of a member's history (``MemberService/history(_:residentID:)``),
/// stored in the `memberEvent` table: what happened, the day it took
/// effect, and who recorded it when.
public struct MemberEvent: Hashable, Sendable {
    /// The row id (`nil` for the registration, which is the member row).
    public var id: Int64?
    /// The member's row id.
    public var memberID: Int64
    /// What happened.
    public var kind: MemberEventKind
    /// The day it took effect.
    public var effectiveOn: CivilDate
    /// The unit before a transfer (or the unit joined, for a registration).
    public var fromUnitCode: String?
    /// The unit after a transfer.
    public var toUnitCode: String?
    /// The fields an update changed (`name`, `phone`, `hardship`), no values.
    public var changed: [String]
    /// The business day it was recorded (`nil` for the registration).
    public var recordedOn: CivilDate?
    /// Who recorded it, and with which script (`nil` for the registration).
    public var provenance: Provenance?

    /// Creates an event value.
    public init(id: Int64? = nil, memberID: Int64, kind: MemberEventKind, effectiveOn: CivilDate,
                fromUnitCode: String? = nil, toUnitCode: String? = nil, changed: [String] = [],
                recordedOn: CivilDate?, provenance: Provenance?) {
        self.id = id
        self.memberID = memberID
        self.kind = kind
        self.effectiveOn = effectiveOn
        self.fromUnitCode = fromUnitCode
        self.toUnitCode = toUnitCode
        self.changed = changed
        self.recordedOn = recordedOn
        self.provenance = provenance
    }
}

extension MemberEvent: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "memberEvent"

    /// Reads an event row.
    public init(row: Row) throws {
        id = row["id"]
        memberID = row["memberID"]
        kind = row["kind"]
        effectiveOn = row["effectiveOn"]
        fromUnitCode = row["fromUnitCode"]
        toUnitCode = row["toUnitCode"]
        let text: String = row["changed"]
        changed = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        recordedOn = row["recordedOn"]
        provenance = Provenance(operatorName: row["operator"], scriptName: row["scriptName"],
                                scriptSHA256: row["scriptSHA256"])
    }

    /// Writes an event row.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["memberID"] = memberID
        container["kind"] = kind
        container["effectiveOn"] = effectiveOn
        container["fromUnitCode"] = fromUnitCode
        container["toUnitCode"] = toUnitCode
        container["changed"] = JSONText.array(changed)
        container["recordedOn"] = recordedOn
        container["operator"] = provenance?.operatorName ?? ""
        container["scriptName"] = provenance?.scriptName
        container["scriptSHA256"] = provenance?.scriptSHA256
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
