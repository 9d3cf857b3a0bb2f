-- A unit's statement (缴费通知单): its open bills with what each charged,
-- what was settled and what is due, the money received from it, and the
-- balance — printable (huzhu report statement --format html -- UNIT).
--   huzhu report statement -- UNIT [AS_OF]     (default: the business date)

local lib = require("lib.reporting")
local L = lib.label
local unit, as_of = ...
if not unit then error("name the unit: huzhu report statement -- UNIT [AS_OF]", 0) end
as_of = as_of or huzhu.today()
local name = unit
for u in huzhu.units.each{under = unit} do if u.code == unit then name = u.name end end

local r = huzhu.report.new{
  title = L(("缴费通知单：%s"):format(name), ("Statement: %s"):format(name)),
  subtitle = L(("单位代码%s，截至%s"):format(unit, as_of), ("unit %s, as of %s"):format(unit, as_of)),
  date = as_of,
}
local owed = huzhu.ledger.owed{unit = unit, as_of = as_of}

r:section(L("未结清的缴费通知", "Open bills"))
if #owed.bills == 0 then
  r:paragraph(L("没有未结清的缴费通知。", "No bill is open."))
else
  local bills = r:table{title = L("缴费通知", "Bills"), total = true, columns = {
    {key = "id", label = L("通知号", "Bill"), type = "integer"},
    {key = "issued", label = L("开具日", "Issued"), type = "date"},
    {key = "due", label = L("缴费期限", "Due"), type = "date"},
    {key = "charged", label = L("应缴", "Charged"), type = "money"},
    {key = "settled", label = L("已缴", "Paid"), type = "money"},
    {key = "open", label = L("欠缴", "Due now"), type = "money"},
  }}
  for _, b in ipairs(owed.bills) do
    bills:add{id = b.id, issued = b.issued, due = b.due, charged = b.charged, settled = b.settled, open = b.open}
  end
end

r:section(L("收款记录", "Money received"))
local receipts = r:table{title = L("收款", "Receipts"), total = true, columns = {
  {key = "date", label = L("日期", "Date"), type = "date"},
  {key = "memo", label = L("摘要", "Memo")},
  {key = "applied", label = L("冲抵欠费", "Applied to bills"), type = "money"},
}}
for e in huzhu.ledger.each{unit = unit, to = as_of} do
  if e.kind == "receipt" or e.kind == "application" then
    local applied = 0
    for _, l in ipairs(e.lines) do
      if l.account == "receivable:contributions" then applied = applied + l.credit end
    end
    receipts:add{date = e.date, memo = e.memo, applied = applied}
  end
end

r:section(L("余额", "Balance"))
r:figure{label = L("应缴余额", "Balance due"), value = owed.total, type = "money"}
r:figure{label = L("其中逾期", "of which overdue"), value = owed.overdue, type = "money"}
r:paragraph(L("请于缴费期限前将款项汇入互助金专户，并在附言中注明单位代码。",
              "Please pay before the due day into the fund's account, quoting the unit code."))
return r
