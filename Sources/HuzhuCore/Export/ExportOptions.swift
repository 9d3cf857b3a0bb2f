/// How to export.
///
///     var options = ExportOptions()
///     options.unmasked = true     // full resident IDs and phones
public struct ExportOptions: Sendable, Hashable {
    /// Write resident IDs and phone numbers in full; masked by default
    /// (`340104********1234`, `138****5678`).
    public var unmasked = false
    /// Write full resident IDs as Excel text, `="340104198001011234"`
    /// (true by default; only with ``unmasked``).
    ///
    /// Excel reads an 18-digit field as a number, keeps 15 significant
    /// digits and shows `3.40104E+17`: the last three digits are lost for
    /// good when the file is saved. A formula giving text keeps every digit,
    /// shows the plain ID, and survives Excel's own "save as CSV" (which
    /// writes the digits). Other tools see `="…"`; the importers accept it.
    /// Masked IDs hold `*` and are text anyway.
    public var excelText = true
    /// How rows are written: UTF-8 with a byte order mark (so Excel reads
    /// Chinese correctly) and CRLF line ends by default.
    public var writer = CSVWriter.Options()

    /// The defaults: masked, Excel text, byte order mark, CRLF.
    public init() {}

    /// A resident ID as exported.
    func residentID(_ value: String) -> String {
        guard unmasked else { return ResidentID.mask(value) }
        return excelText ? "=\"" + value + "\"" : value
    }

    /// A phone number as exported (Excel keeps 11 digits exactly).
    func phone(_ value: String?) -> String {
        guard let value else { return "" }
        return unmasked ? value : Phone.mask(value)
    }
}
