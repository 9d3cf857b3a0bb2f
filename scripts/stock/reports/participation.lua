-- Participation and coverage (参保率与覆盖面) by district, county, industrial
-- and enterprise union: employees, members covered, the participation rate,
-- members per plan and the contributions of the year, as of the business
-- date (or 31 December of a past year).
--   huzhu report participation [-- YEAR]

local lib = require("lib.reporting")
local L = lib.label
local year = lib.year(...)
local as_of = lib.as_of(year)

local r = huzhu.report.new{
  title = L("职工互助保障参保情况", "Participation and coverage"),
  subtitle = L(("%d年，截至%s"):format(year, as_of), ("%d, as of %s"):format(year, as_of)),
}
local plans = {}
for p in huzhu.plans.each() do plans[#plans + 1] = p end

local columns = {
  {key = "unit", label = L("单位", "Unit")},
  {key = "employees", label = L("职工人数", "Employees"), type = "integer"},
  {key = "enrolled", label = L("参保人数", "Members enrolled"), type = "integer"},
  {key = "rate", label = L("参保率", "Participation"), type = "percent"},
}
for _, p in ipairs(plans) do
  columns[#columns + 1] = {key = "plan_" .. p.code, label = p.name, type = "integer"}
end
columns[#columns + 1] = {key = "contributions", label = L("缴费金额", "Contributions"), type = "money"}

local units, federation = lib.top_units()
local t = r:table{title = L("各单位参保情况", "By union"), columns = columns, total = true}
for _, u in ipairs(units) do
  local i = huzhu.indicators{unit = u.code, from = ("%d-01-01"):format(year), to = as_of}
  local row = {unit = u.name, employees = i.employees, enrolled = i.enrolled, rate = lib.bp(i.participation),
               contributions = i.contributions.total}
  for _, p in ipairs(plans) do row["plan_" .. p.code] = i.coverage[p.code] or 0 end
  t:add(row)
end

if federation then
  local all = huzhu.indicators{unit = federation.code, from = ("%d-01-01"):format(year), to = as_of}
  r:section(L("全市", "The city"))
  r:figure{label = L("职工人数", "Employees"), value = all.employees}
  r:figure{label = L("参保人数", "Members enrolled"), value = all.enrolled}
  r:figure{label = L("参保率", "Participation"), value = lib.bp(all.participation), type = "percent"}
  r:figure{label = L("缴费金额", "Contributions"), value = all.contributions.total, type = "money"}
end
r:section(L("各单位", "By union"))
r:chart{type = "bar", table = t, label = "unit", values = {"rate"}, title = L("参保率", "Participation rate")}
return r
