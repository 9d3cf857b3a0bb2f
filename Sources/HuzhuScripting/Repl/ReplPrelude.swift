/// The REPL's own Lua: evaluation by `lua.c`'s rules, pretty printing and
/// completion. Loaded once into the session's environment as the hidden
/// global `__huzhu_repl`.
enum ReplPrelude {
    static let source = #"""
local R = {}
local env = _ENV
local format, concat, sort, pack = string.format, table.concat, table.sort, table.pack
local MAX_DEPTH, MAX_ITEMS, MAX_ROWS = 3, 30, 50

-- Terminal columns of a string: CJK and full-width characters take two.
local function width(s)
  local ok, w = pcall(function()
    local n = 0
    for _, c in utf8.codes(s) do
      if (c >= 0x1100 and c <= 0x115F) or (c >= 0x2E80 and c <= 0xA4CF) or (c >= 0xAC00 and c <= 0xD7A3)
        or (c >= 0xF900 and c <= 0xFAFF) or (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFF60)
        or (c >= 0xFFE0 and c <= 0xFFE6) or (c >= 0x20000 and c <= 0x3FFFD) then n = n + 2 else n = n + 1 end
    end
    return n
  end)
  return ok and w or #s
end
R.width = width

local function pad(s, w) return s .. string.rep(" ", w - width(s)) end

local function scalar(v, quoted)
  local t = type(v)
  if t == "string" then return quoted and format("%q", v) or v end
  if t == "number" and math.type(v) == "float" then return format("%.14g", v):find("[%.eEn]") and format("%.14g", v) or format("%.14g", v) .. ".0" end
  if t == "function" then return "<function>" end
  if t == "thread" then return "<coroutine>" end
  return tostring(v)
end

local function sortedkeys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

local function nested(v, depth, seen)
  if type(v) ~= "table" then return scalar(v, true) end
  if seen[v] then return "<cycle>" end
  if depth >= MAX_DEPTH then return "{…}" end
  seen[v] = true
  local parts, n = {}, #v
  for i = 1, math.min(n, MAX_ITEMS) do parts[#parts + 1] = nested(v[i], depth + 1, seen) end
  if n > MAX_ITEMS then parts[#parts + 1] = format("… %d more", n - MAX_ITEMS) end
  local shown = 0
  for _, k in ipairs(sortedkeys(v)) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      shown = shown + 1
      if shown > MAX_ITEMS then parts[#parts + 1] = "…" break end
      local key = (type(k) == "string" and k:match("^[%a_][%w_]*$")) and k or "[" .. scalar(k, true) .. "]"
      parts[#parts + 1] = key .. " = " .. nested(v[k], depth + 1, seen)
    end
  end
  seen[v] = nil
  return "{" .. concat(parts, ", ") .. "}"
end

-- A list of records (tables with named fields) prints as an aligned table.
local FIRST = { id = 1, code = 2, resident_id = 3, name = 4 }
local function records(v)
  if type(v) ~= "table" or #v == 0 then return nil end
  for k in pairs(v) do if math.type(k) ~= "integer" then return nil end end
  local columns, known = {}, {}
  for i = 1, #v do
    local row = v[i]
    if type(row) ~= "table" or #row > 0 then return nil end
    for k, x in pairs(row) do
      if type(k) ~= "string" or type(x) == "table" then return nil end
      if not known[k] then known[k] = true columns[#columns + 1] = k end
    end
  end
  sort(columns, function(a, b)
    local fa, fb = FIRST[a] or 99, FIRST[b] or 99
    if fa ~= fb then return fa < fb end
    return a < b
  end)
  return columns
end

-- A cell on one line: control characters as escapes (a newline cannot fake a row).
local ESCAPES = { ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function cell(s)
  return (s:gsub("[%c\127]", function(c) return ESCAPES[c] or format("\\x%02X", c:byte()) end))
end

local function grid(v, columns)
  local rows = math.min(#v, MAX_ROWS)
  local widths, cells = {}, {}
  for c, name in ipairs(columns) do widths[c] = width(cell(name)) end
  for i = 1, rows do
    cells[i] = {}
    for c, name in ipairs(columns) do
      local x = v[i][name]
      local s = x == nil and "" or cell(scalar(x, false))
      cells[i][c] = s
      if width(s) > widths[c] then widths[c] = width(s) end
    end
  end
  local lines, header, rule = {}, {}, {}
  for c, name in ipairs(columns) do header[c] = pad(cell(name), widths[c]) rule[c] = string.rep("-", widths[c]) end
  lines[1] = concat(header, "  "):gsub("%s+$", "")
  lines[2] = concat(rule, "  ")
  for i = 1, rows do
    local line = {}
    for c in ipairs(columns) do line[c] = pad(cells[i][c], widths[c]) end
    lines[#lines + 1] = concat(line, "  "):gsub("%s+$", "")
  end
  lines[#lines + 1] = format("(%d %s%s)", #v, #v == 1 and "row" or "rows", #v > rows and format(", first %d shown", rows) or "")
  return concat(lines, "\n")
end

function R.render(v)
  local columns = records(v)
  if columns then return grid(v, columns) end
  return nested(v, 0, {})
end

-- The names of a row list's columns, in order, without repeats, when `names`
-- is such a list (huzhu.sql's second value); else nil.
local function selectorder(rows, names)
  local columns = records(rows)
  if not columns or type(names) ~= "table" then return nil end
  local ordered, seen = {}, {}
  for i = 1, #names do
    local name = names[i]
    if type(name) ~= "string" then return nil end
    if not seen[name] then seen[name] = true ordered[#ordered + 1] = name end
  end
  for _, name in ipairs(columns) do if not seen[name] then return nil end end
  return ordered
end

local function renderall(r)
  -- `=huzhu.sql(q)`: the rows and their column names print as one table in SELECT order.
  local ordered = r.n == 2 and selectorder(r[1], r[2])
  if ordered then return grid(r[1], ordered) end
  local parts, multiline = {}, false
  for i = 1, r.n do
    parts[i] = R.render(r[i])
    if parts[i]:find("\n") then multiline = true end
  end
  return concat(parts, multiline and "\n" or "\t")
end

-- lua.c's rules: try `return <line>` first, then the line as statements;
-- a syntax error at <eof> asks for more lines.
function R.eval(src)
  local code = src
  if code:sub(1, 1) == "=" then code = "return " .. code:sub(2) end
  local silent = code:match(";%s*$") ~= nil
  local f = load("return " .. code, "=stdin", "t")
  local err
  if not f then f, err = load(code, "=stdin", "t") end
  if not f then
    if err:match("<eof>$") then return "more" end
    error(err, 0)
  end
  local r = pack(f())
  if r.n > 0 then rawset(env, "_", r[1]) end
  if silent or r.n == 0 then return "ok", "" end
  return "ok", renderall(r)
end

function R.sql(query)
  local ok, rows, names = pcall(huzhu.sql, query)   -- called from C: the message has no position
  if not ok then error(rows, 0) end
  if #rows == 0 then return "(no rows)" end
  return grid(rows, selectorder(rows, names))   -- SELECT order; a repeated name is one key in a row
end

-- Completion: globals, fields of tables reached by dotted names.
function R.complete(prefix)
  local base, partial = prefix:match("^(.-)([%w_]*)$")
  local t, lead = env, ""
  if base ~= "" then
    local path = base:match("^([%a_][%w_%.]*)[%.:]$")
    if not path then return {} end
    for name in path:gmatch("[^%.]+") do
      if type(t) ~= "table" then return {} end
      t = rawget(t, name)
    end
    lead = base
  end
  if type(t) ~= "table" then return {} end
  local out = {}
  for k, v in pairs(t) do
    if type(k) == "string" and k:sub(1, #partial) == partial and k ~= "__huzhu_repl" then
      out[#out + 1] = lead .. k .. (type(v) == "table" and "." or "")
    end
  end
  sort(out)
  return out
end

__huzhu_repl = R
"""#
}
