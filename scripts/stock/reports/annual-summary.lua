-- The annual summary (年度工作总结): the year's headline figures — coverage,
-- money by payer, claims and their timeliness, the books — with coverage by
-- plan and by union, for the leaders' meeting.
--   huzhu report annual-summary [-- YEAR]

local lib = require("lib.reporting")
local L = lib.label
local year = lib.year(...)
local as_of = lib.as_of(year)
local from = ("%d-01-01"):format(year)

local units, federation = lib.top_units()
local r = huzhu.report.new{
  title = L(("%d年度职工互助保障工作总结"):format(year), ("Mutual-aid programme: %d summary"):format(year)),
  subtitle = L(("截至%s"):format(as_of), ("as of %s"):format(as_of)),
}
if not federation then
  r:paragraph(L("工作区还没有单位。", "The workspace has no units yet."))
  return r
end
-- Money counts in the year its term starts (a December renewal for next
-- year's term is next year's), as coverage and target progress do.
local all = huzhu.indicators{unit = federation.code, from = from, to = as_of, programme_year = true}

r:section(L("覆盖面", "Coverage"))
r:figure{label = L("职工人数", "Employees"), value = all.employees}
r:figure{label = L("参保人数", "Members enrolled"), value = all.enrolled}
r:figure{label = L("参保率", "Participation"), value = lib.bp(all.participation), type = "percent"}
if all.target then
  r:figure{label = L("目标完成率", "Target completion"), value = lib.bp(all.target.completion), type = "percent"}
end

r:section(L("资金", "Money"))
r:figure{label = L("缴费合计", "Contributions"), value = all.contributions.total, type = "money"}
r:figure{label = L("行政支持", "Administration"), value = all.contributions.administration, type = "money"}
r:figure{label = L("工会筹措", "Union"), value = all.contributions.union, type = "money"}
r:figure{label = L("职工个人", "Members"), value = all.contributions.member, type = "money"}
local payers = r:table{title = L("缴费构成", "Who pays"), columns = {
  {key = "payer", label = L("出资方", "Payer")}, {key = "amount", label = L("金额", "Amount"), type = "money"}}}
payers:add{payer = L("行政", "Administration"), amount = all.contributions.administration}
payers:add{payer = L("工会", "Union"), amount = all.contributions.union}
payers:add{payer = L("职工", "Members"), amount = all.contributions.member}
r:chart{type = "pie", table = payers, label = "payer", values = {"amount"}, title = L("缴费构成", "Who pays")}

r:section(L("理赔", "Claims"))
r:figure{label = L("报案", "Reported"), value = all.claims.reported}
r:figure{label = L("赔付", "Paid"), value = all.claims.paid}
r:figure{label = L("赔付金额", "Amount paid"), value = all.claims.amount_paid, type = "money"}
r:figure{label = L("拒赔", "Rejected"), value = all.claims.rejected}
r:figure{label = L("超期未办结", "Overdue"), value = all.claims.overdue}
if all.claims.average_days then
  r:paragraph(L(("报案到赔付平均%.1f天，90%%的理赔在%d天内赔付。"):format(all.claims.average_days, all.claims.p90_days),
                ("From report to payout: %.1f days on average; 90%% paid within %d days."):format(all.claims.average_days, all.claims.p90_days)))
end
local problems = huzhu.ledger.check()
r:paragraph(#problems == 0 and L("账目核对无误（借贷平衡，与保单、理赔一致）。", "The books balance and agree with the policies and claims.")
  or L(("账目核对发现%d处问题，请运行 huzhu ledger check。"):format(#problems), ("The books show %d discrepancies: run huzhu ledger check."):format(#problems)))

r:section(L("各计划", "By plan"))
local plans = r:table{title = L("各计划参保人数", "Members per plan"), columns = {
  {key = "plan", label = L("计划", "Plan")}, {key = "members", label = L("参保人数", "Members"), type = "integer"}}}
for p in huzhu.plans.each() do plans:add{plan = p.name, members = all.coverage[p.code] or 0} end
r:chart{type = "bar", table = plans, label = "plan", values = {"members"}, title = L("各计划参保人数", "Members per plan")}

r:section(L("各单位", "By union"))
local t = r:table{title = L("各单位", "By union"), total = true, columns = {
  {key = "unit", label = L("单位", "Unit")},
  {key = "enrolled", label = L("参保人数", "Members"), type = "integer"},
  {key = "rate", label = L("参保率", "Participation"), type = "percent"},
  {key = "contributions", label = L("缴费", "Contributions"), type = "money"},
  {key = "paid", label = L("赔付", "Paid out"), type = "money"},
}}
for _, u in ipairs(units) do
  local i = huzhu.indicators{unit = u.code, from = from, to = as_of, programme_year = true}
  t:add{unit = u.name, enrolled = i.enrolled, rate = lib.bp(i.participation), contributions = i.contributions.total,
        paid = i.claims.amount_paid}
end
return r
