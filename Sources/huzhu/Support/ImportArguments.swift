import ArgumentParser
import HuzhuCore

extension CSVEncoding: ExpressibleByArgument {
    /// `utf8`/`utf-8`, `gb18030`/`gbk`/`gb2312`/`cp936`, any case.
    public init?(argument: String) {
        self.init(name: argument)
    }

    public static var allValueStrings: [String] { ["utf8", "gb18030"] }
}

extension ImportKind: ExpressibleByArgument {}
