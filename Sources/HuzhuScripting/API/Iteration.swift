import LuaHost

/// Pushes a Lua iterator that fetches `fetch(after)` page by page and
/// yields each record converted by `convert` — for `for x in … do`.
///
/// Memory stays constant: only one page is held at a time.
func pushPagedIterator<Record, Key>(
    _ call: LuaCall, name: String,
    fetch: @escaping (Key?) throws -> [Record],
    key: @escaping (Record) -> Key?,
    convert: @escaping (Record) -> LuaValue
) throws -> Int32 {
    var page: [Record] = []
    var index = 0
    var after: Key?
    var finished = false
    return try call.push(function: name) { inner in
        if index >= page.count {
            if finished { return inner.pushNil() }
            page = try fetch(after)
            index = 0
            if page.isEmpty {
                finished = true
                return inner.pushNil()
            }
            after = key(page[page.count - 1])
        }
        let record = page[index]
        index += 1
        return try inner.push(convert(record))
    }
}
