import Foundation

/// The part every importer shares: the reader and its header, the report,
/// the rejects file, and turning service failures into `file:line:` errors.
final class ImportSession {
    let reader: CSVReader
    let header: CSVHeader
    let options: ImportOptions
    private(set) var report: ImportReport
    private var rejects: RejectsWriter?
    /// A guess at the number of rows from the file's size (for reserving
    /// capacity), `nil` when the size is unknown.
    let estimatedRows: Int?
    /// The file's size in bytes, when known.
    let fileSize: Int?

    /// Opens the file and matches its header.
    ///
    /// - Throws: ``CSVError`` (unreadable, empty, encoding) or ``CSVErrors``
    ///   (header problems).
    init(url: URL, kind: ImportKind, options: ImportOptions, progress: ((CSVProgress) -> Void)?) throws {
        var readerOptions = CSVReader.Options()
        readerOptions.encoding = options.encoding
        readerOptions.displayName = options.displayName
        readerOptions.progressInterval = max(1, options.progressInterval)
        reader = try CSVReader(contentsOf: url, options: readerOptions)
        reader.onProgress = progress
        header = try CSVHeader(reader: reader, schema: kind.schema)
        self.options = options
        fileSize = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize
        estimatedRows = fileSize.map { min($0 / 48, 50_000_000) }
        report = ImportReport(kind: kind, file: reader.fileName, encoding: reader.encoding)
        if options.skipInvalid, let url = options.rejectsURL {
            rejects = try RejectsWriter(url: url, columns: reader.header, workspace: options.workspaceRoot)
            report.rejectsURL = url
        }
    }

    /// Notes a line of the report (see ``ImportReport/notes``).
    func note(_ text: String) {
        report.notes.append(text)
    }

    /// Whether any row has been rejected so far.
    var hasRejects: Bool { report.rejected > 0 }

    /// Whether valid rows should still be written: always when skipping
    /// invalid rows, else only while no row has failed (the rest is
    /// validated only, to list every error, and rolled back).
    var writesRows: Bool { options.skipInvalid || report.rejected == 0 }

    /// The next data record, counted.
    func next() throws -> CSVRecord? {
        guard let record = try reader.nextRecord() else { return nil }
        report.rowsRead += 1
        return record
    }

    /// Counts an imported row.
    func imported(_ count: Int = 1) {
        report.imported += count
    }

    /// Records a rejected row: its errors kept (up to the limit) and the
    /// row written to the rejects file.
    func reject(_ record: CSVRecord, _ errors: [CSVError]) throws {
        report.rejected += 1
        report.errorCount += errors.count
        let room = options.errorLimit - report.errors.count
        if room > 0 { report.errors += errors.prefix(room) }
        try rejects?.write(record, errors: errors)
    }

    /// Closes the rejects file and returns the report.
    func finish() throws -> ImportReport {
        try rejects?.close()
        rejects = nil
        return report
    }

    /// Gives up after a stopping error: drops the half-written rejects file.
    func abandon() {
        rejects?.discard()
        rejects = nil
        report.rejectsURL = nil
    }

    // MARK: - Errors

    /// The record's own problems (field count, quotes, values without a header).
    func recordErrors(_ record: CSVRecord) -> [CSVError] {
        if header.unnamedColumns.isEmpty { return record.errors }
        return CSVRow(record: record, header: header).errors
    }

    /// The value of a canonical field in a record, trimmed; `nil` when the
    /// file has no such column.
    func value(_ record: CSVRecord, _ field: String) -> String? {
        guard let index = header.index(of: field) else { return nil }
        return index < record.fields.count ? ImportValues.trimmed(record.fields[index]) : ""
    }

    /// A failure about one field of a record, as `file:line: field value: message`.
    ///
    /// The field is the file's canonical column (`resident_id`, not the
    /// service's `residentID`); the value is the failure's, else the row's
    /// value of that column; resident IDs and phones are masked unless
    /// ``ImportOptions/unmasked``.
    func error(_ failure: ValidationFailure, in record: CSVRecord) -> CSVError {
        let field = ImportSession.column(for: failure.field)
        var shown = failure.value?.shown(unmasked: options.unmasked)
        if shown == nil, let raw = value(record, field) {
            shown = mask(raw, field: field)
        }
        return CSVError(.init(rawValue: failure.reason.label), file: record.file, line: record.line, field: field,
                        value: shown ?? "", message: failure.message(options.language))
    }

    /// Errors for every failure of a service's ``ValidationError``.
    func errors(_ error: ValidationError, in record: CSVRecord) -> [CSVError] {
        error.failures.map { self.error($0, in: record) }
    }

    /// `E802 field: a value is required`.
    func required(_ field: String, in record: CSVRecord) -> CSVError {
        error(ValidationFailure(.valueRequired, field: field, value: .plain("")), in: record)
    }

    /// `duplicate <key>, first at line N`, about `field`.
    func duplicate(_ field: String, key: String, firstLine: Int, in record: CSVRecord) -> CSVError {
        error(ValidationFailure(.duplicateInFile, field: field, ["key": key, "line": String(firstLine)]), in: record)
    }

    /// A value of a column as shown in errors: personal columns masked.
    func mask(_ value: String, field: String) -> String {
        if options.unmasked { return value }
        switch field {
        case "resident_id": return ResidentID.mask(value)
        case "phone": return Phone.mask(value)
        default: return value
        }
    }

    /// The file column for a service's field name.
    static func column(for field: String) -> String {
        switch field {
        case "residentID": return "resident_id"
        case "joinedOn": return "joined_on"
        case "birthDate": return "birth_date"
        case "incidentDate": return "incident_date"
        case "admissionDate": return "admission_date"
        case "dischargeDate": return "discharge_date"
        case "settlementDate": return "settlement_date"
        case "reportedOn": return "reported_on"
        case "totalExpense": return "total"
        case "insurancePaid": return "insurance_paid"
        case "selfPaid": return "self_paid"
        case "benefitItem": return "benefit_item"
        default: return field
        }
    }
}
