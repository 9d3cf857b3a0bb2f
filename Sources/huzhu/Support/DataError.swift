/// A condition of the data, not of the command line — a record or run that
/// does not exist, no rule version in force, a script that does not compile:
/// `huzhu: …` and exit status 1 (a malformed command line is argument-parser's
/// `ValidationError`: `Error: …` and 2).
struct DataError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
