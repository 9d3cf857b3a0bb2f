import GRDB

/// A member that passed every check of ``MemberService/register(_:_:context:)``
/// and waits to be written by ``MemberBulkWriter``: 72 bytes, texts of up
/// to 15 bytes (a Chinese name of five characters, a unit code, a phone)
/// stored inline by Swift, dates packed — a million held for sorting take
/// 72 MB.
struct BulkMember {
    /// The resident ID's first 17 digits.
    var key: UInt64
    /// Birth and join dates packed as `year << 9 | month << 5 | day`.
    var birth: UInt32
    var joined: UInt32
    var name: String
    var unit: String
    /// Empty for none.
    var phone: String
    /// The resident ID's check character (`0`–`9`, `X`).
    var check: UInt8
    var isMale: Bool
    var hardship: Bool

    static func pack(_ date: CivilDate) -> UInt32 {
        UInt32(date.year) << 9 | UInt32(date.month) << 5 | UInt32(date.day)
    }

    /// A checked member.
    init(id: FastResidentID, name: String, unit: String, phone: String?, hardship: Bool, joinedOn: CivilDate) {
        key = id.key
        check = id.check
        isMale = id.isMale
        birth = Self.pack(id.birthDate)
        self.hardship = hardship
        joined = Self.pack(joinedOn)
        self.name = name
        self.unit = unit
        self.phone = phone ?? ""
    }
}

/// The one bulk path that writes members, shared by the members import
/// (``MemberImporter``) and ``MemberService/registerInBulk(_:_:context:maximumFailures:)``
/// (which the demo city uses). It does no checking: its callers check each
/// member first, exactly as `register` does.
///
/// Members are held until ``flush()``, then inserted **sorted by resident
/// ID** (the unique index on it then grows at its end instead of at a
/// million random places), 64 per statement (``BatchInsert``), their texts
/// copied into one scratch buffer and bound in place. A load of 50,000 or
/// more rows also goes through ``BulkLoad``: bigger page cache, the
/// member table's secondary indexes dropped and rebuilt by ``finish()``.
/// So the members of one call get consecutive ids in resident-ID order.
struct MemberBulkWriter {
    private let db: Database
    private let insert: BatchInsert
    private var pending: [BulkMember] = []
    private var bulk: BulkLoad?
    private let expectedRows: Int
    private let bytes: Int
    /// The row ids inserted so far (consecutive within one transaction).
    private(set) var ids: ClosedRange<Int64>?

    /// Members held before they are sorted and inserted: up to two million
    /// are sorted as one.
    static let chunkSize = 1 << 21
    /// Bytes of one member's texts in the scratch buffer: ID 18, two dates
    /// 10 each, name up to 200 (50 characters of 4 bytes), unit up to 32,
    /// phone up to 13.
    private static let slotSize = 320

    /// Prepares the statements.
    ///
    /// - Parameters:
    ///   - db: The connection, in the caller's transaction.
    ///   - expectedRows: About how many members will be written (sizes the
    ///     buffer and decides on ``BulkLoad``).
    ///   - bytes: The size of the source file, if any (sizes the page cache).
    init(_ db: Database, expectedRows: Int, bytes: Int? = nil) throws {
        self.db = db
        self.expectedRows = expectedRows
        self.bytes = bytes ?? expectedRows * 64
        insert = try BatchInsert(db, table: "member", columns: [
            "residentID", "name", "gender", "birthDate", "unitCode", "phone", "hardship", "status", "joinedOn",
        ], values: "?, ?, ?, ?, ?, ?, ?, 'active', ?")
        pending.reserveCapacity(min(expectedRows, Self.chunkSize))
    }

    /// Members held, not written yet.
    var pendingCount: Int { pending.count }
    /// Whether the buffer is full and ``flush()`` is due.
    var isFull: Bool { pending.count >= Self.chunkSize }

    /// Holds a checked member.
    mutating func append(_ member: BulkMember) { pending.append(member) }

    /// Forgets the members held (an atomic import that found an invalid row).
    mutating func discardPending() { pending.removeAll() }

    /// Inserts the members held, sorted by resident ID.
    ///
    /// - Returns: How many were inserted.
    /// - Throws: A database error.
    @discardableResult
    mutating func flush() throws -> Int {
        guard !pending.isEmpty else { return 0 }
        if bulk == nil {
            // A full buffer is the first of several: size for the whole load.
            let rows = isFull ? max(pending.count, expectedRows) : pending.count
            bulk = try BulkLoad(db, table: "member", rows: rows, bytes: bytes)
        }
        var order = [(key: UInt64, index: Int32)]()
        order.reserveCapacity(pending.count)
        for index in pending.indices { order.append((pending[index].key, Int32(index))) }
        order.sort { $0.key < $1.key }
        let insert = self.insert
        let inserted = try pending.withUnsafeBufferPointer { members in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: BatchInsert.rowsPerStatement * Self.slotSize) {
                scratch in
                let base = scratch.baseAddress!
                return try insert.insert(count: order.count) { statement, index, slot, offset in
                    Self.bind(members[Int(order[index].index)], slot: base + slot * Self.slotSize,
                              to: statement, at: offset)
                }
            }
        }
        if let inserted { ids = (ids?.lowerBound ?? inserted.lowerBound)...inserted.upperBound }
        let count = pending.count
        pending.removeAll(keepingCapacity: true)
        return count
    }

    /// Writes what is held, then builds the dropped indexes again.
    mutating func finish() throws {
        try flush()
        try bulk?.finish(db)
    }

    /// Gives up (the caller rolls back): restores the page cache.
    mutating func abandon() {
        pending.removeAll()
        bulk?.abandon(db)
    }

    /// Binds one member's eight values, its texts copied into `slot`.
    private static func bind(_ member: BulkMember, slot: UnsafeMutablePointer<UInt8>, to statement: RawStatement,
                             at offset: Int32) {
        var key = member.key
        for position in stride(from: 16, through: 0, by: -1) {
            slot[position] = UInt8(truncatingIfNeeded: key % 10) + 48
            key /= 10
        }
        slot[17] = member.check
        write(member.birth, to: slot + 18)
        write(member.joined, to: slot + 28)
        var end = 38
        /// Copies a text into the slot and binds it there; a text that does
        /// not fit (a name of 50 long grapheme clusters) is bound as a copy.
        func bindText(_ text: String, at index: Int32) {
            let count = text.utf8.count
            guard end + count <= slotSize else { return statement.bind(text, at: index) }
            let start = end
            for byte in text.utf8 {
                slot[end] = byte
                end += 1
            }
            statement.bindStatic(slot + start, count: count, at: index)
        }
        statement.bindStatic(slot, count: 18, at: offset + 1)
        bindText(member.name, at: offset + 2)
        statement.bindStatic(member.isMale ? Self.male.utf8Start : Self.female.utf8Start, count: member.isMale ? 4 : 6, at: offset + 3)
        statement.bindStatic(slot + 18, count: 10, at: offset + 4)
        bindText(member.unit, at: offset + 5)
        if member.phone.isEmpty { statement.bindNull(at: offset + 6) } else { bindText(member.phone, at: offset + 6) }
        statement.bind(member.hardship ? 1 : 0, at: offset + 7)
        statement.bindStatic(slot + 28, count: 10, at: offset + 8)
    }

    // Bound without a copy: a static string's bytes live as long as the program.
    private static let male: StaticString = "male"
    private static let female: StaticString = "female"

    /// Writes a packed date as `YYYY-MM-DD` (ten bytes).
    private static func write(_ packed: UInt32, to base: UnsafeMutablePointer<UInt8>) {
        let date = (month: UInt8(packed >> 5 & 15), day: UInt8(packed & 31))
        var year = packed >> 9
        for position in stride(from: 3, through: 0, by: -1) {
            base[position] = UInt8(year % 10) + 48
            year /= 10
        }
        base[4] = 45
        base[5] = date.month / 10 + 48
        base[6] = date.month % 10 + 48
        base[7] = 45
        base[8] = date.day / 10 + 48
        base[9] = date.day % 10 + 48
    }
}
