-- Claims timeliness (理赔时效): "get the money into the member's hands
-- first". For each union, claims reported and paid this year and the days
-- from report to payout (average and 90th percentile); then every claim
-- waiting longer than the limit at one step, longest first.
--   huzhu report claims-timeliness [-- DAYS]     (the overdue limit, default 30)

local lib = require("lib.reporting")
local L = lib.label
local days = tonumber((...)) or 30
local today = huzhu.today()
local year = tonumber(today:sub(1, 4))

local r = huzhu.report.new{
  title = L("理赔时效", "Claims timeliness"),
  subtitle = L(("%d年1月1日至%s"):format(year, today), ("1 January %d to %s"):format(year, today)),
}
local t = r:table{title = L("各单位理赔时效", "By union"), columns = {
  {key = "unit", label = L("单位", "Unit")},
  {key = "reported", label = L("报案", "Reported"), type = "integer"},
  {key = "paid", label = L("已赔付", "Paid"), type = "integer"},
  {key = "amount", label = L("赔付金额", "Amount paid"), type = "money"},
  {key = "average", label = L("平均天数", "Average days")},
  {key = "p90", label = L("90%天数", "90th percentile days")},
  {key = "overdue", label = L("超期", "Overdue"), type = "integer"},
}}
for _, u in ipairs(lib.top_units()) do
  local c = huzhu.indicators{unit = u.code, from = ("%d-01-01"):format(year), to = today, overdue_days = days}.claims
  t:add{unit = u.name, reported = c.reported, paid = c.paid, amount = c.amount_paid,
        average = c.average_days and ("%.1f"):format(c.average_days) or "–", p90 = c.p90_days and tostring(c.p90_days) or "–", overdue = c.overdue}
end
r:chart{type = "bar", table = t, label = "unit", values = {"reported", "paid", "overdue"}, title = L("报案、赔付与超期", "Reported, paid and overdue")}

local overdue = huzhu.claims.overdue{days = days}
r:section(L(("超过%d天未办结的理赔"):format(days), ("Claims waiting more than %d days at one step"):format(days)))
if #overdue == 0 then
  r:paragraph(L("没有超期的理赔。", "No claim is overdue."))
  return r
end
local statuses = {reported = L("已报案", "reported"), underReview = L("审核中", "under review"), approved = L("已核准未付", "approved, unpaid")}
local list = r:table{title = L("超期清单", "Overdue claims"), columns = {
  {key = "id", label = L("案号", "Claim"), type = "integer"},
  {key = "member", label = L("身份证号", "Resident ID"), type = "resident_id"},
  {key = "plan", label = L("计划", "Plan")},
  {key = "unit", label = L("单位", "Unit")},
  {key = "status", label = L("状态", "Status")},
  {key = "since", label = L("起始日", "Since"), type = "date"},
  {key = "days", label = L("天数", "Days"), type = "integer"},
}}
for _, o in ipairs(overdue) do
  list:add{id = o.claim.id, member = o.claim.member, plan = o.claim.plan, unit = o.claim.unit,
           status = statuses[o.claim.status] or o.claim.status, since = o.since, days = o.days}
end
return r
