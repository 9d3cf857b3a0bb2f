-- Arrears (欠费): what each unit owes the fund on a day, by age band (days
-- since the bill was issued: 0-30, 31-90, >90) and what is past its due
-- day, from the open bills (huzhu.ledger.owed).
--   huzhu report arrears [-- AS_OF]     (default: the business date)

local lib = require("lib.reporting")
local L = lib.label
local as_of = (...) or huzhu.today()

local r = huzhu.report.new{
  title = L("欠费情况", "Arrears"),
  subtitle = L(("截至%s"):format(as_of), ("as of %s"):format(as_of)),
}
local owed = huzhu.ledger.owed{as_of = as_of}
if #owed.bills == 0 then
  r:paragraph(L("没有欠费：所有缴费通知均已结清。", "Nothing is owed: every bill is settled."))
  return r
end
r:figure{label = L("欠费合计", "Owed"), value = owed.total, type = "money"}
r:figure{label = L("逾期", "Overdue"), value = owed.overdue, type = "money"}

local names = {}
for u in huzhu.units.each() do names[u.code] = u.name end
local by_unit, order = {}, {}
for _, b in ipairs(owed.bills) do
  local row = by_unit[b.unit]
  if not row then
    row = {code = b.unit, unit = names[b.unit] or b.unit, bills = 0, a = 0, b = 0, c = 0, total = 0, overdue = 0}
    by_unit[b.unit] = row
    order[#order + 1] = b.unit
  end
  row.bills = row.bills + 1
  if b.band == "0-30" then row.a = row.a + b.open elseif b.band == "31-90" then row.b = row.b + b.open else row.c = row.c + b.open end
  row.total = row.total + b.open
  if b.overdue then row.overdue = row.overdue + b.open end
end
table.sort(order)
local t = r:table{title = L("各单位欠费", "By unit"), total = true, columns = {
  {key = "code", label = L("代码", "Code")},
  {key = "unit", label = L("单位", "Unit")},
  {key = "bills", label = L("未结清通知", "Open bills"), type = "integer"},
  {key = "a", label = L("0-30天", "0-30 days"), type = "money"},
  {key = "b", label = L("31-90天", "31-90 days"), type = "money"},
  {key = "c", label = L("90天以上", "over 90 days"), type = "money"},
  {key = "total", label = L("合计", "Total"), type = "money"},
  {key = "overdue", label = L("其中逾期", "Overdue"), type = "money"},
}}
for _, code in ipairs(order) do t:add(by_unit[code]) end
return r
