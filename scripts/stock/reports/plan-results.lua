-- Plan results (计划经营结果): per plan and term of a year — members
-- covered, contributions kept (less refunds), benefits paid and still owed
-- (approved, not yet paid: 应付赔款), claims with a benefit per 1,000
-- members, and the loss ratio (赔付率 = benefits paid and owed ÷
-- contributions) — what a union needs to price next year's term. Every
-- ratio is computed from integers (fen and counts), rounded half up.
--   huzhu report plan-results [-- YEAR]      (the terms starting in YEAR; default the business year)

local lib = require("lib.reporting")
local L = lib.label
local year = lib.year(...)

--- a * scale / b rounded half up, in integers (nil when b is 0).
local function ratio(a, b, scale)
  if b == 0 then return nil end
  return (2 * a * scale + b) // (2 * b)
end

local rows, order = {}, {}
local function row(plan, term)
  local key = plan .. "\0" .. term
  local r = rows[key]
  if not r then
    r = {plan = plan, term = term, members = 0, contributions = 0, claims = 0, paid = 0, owed = 0}
    rows[key] = r
    order[#order + 1] = r
  end
  return r
end

for p in huzhu.policies.each{year = year} do
  local r = row(p.plan, p.term)
  r.members = r.members + 1
  r.contributions = r.contributions + p.contribution - (p.refund.administration + p.refund.union + p.refund.member)
end
for c in huzhu.claims.each() do
  local r = rows[c.plan .. "\0" .. c.term]
  if r and (c.status == "approved" or c.status == "paid") then
    r.claims = r.claims + 1
    r.paid = r.paid + c.paid
    if c.status == "approved" then r.owed = r.owed + math.max((c.approved_amount or 0) - c.paid, 0) end
  end
end
table.sort(order, function(a, b) if a.plan ~= b.plan then return a.plan < b.plan end return a.term < b.term end)

local r = huzhu.report.new{
  title = L(("%d年度各计划经营结果"):format(year), ("Plan results, terms of %d"):format(year)),
  subtitle = L(("截至%s"):format(huzhu.today()), ("as of %s"):format(huzhu.today())),
}
if #order == 0 then
  r:paragraph(L(("%d年没有保单。"):format(year), ("No policies in %d."):format(year)))
  return r
end
local t = r:table{title = L("按计划和期次", "By plan and term"), columns = {
  {key = "plan", label = L("计划", "Plan")},
  {key = "term", label = L("期次", "Term")},
  {key = "members", label = L("参保人数", "Members"), type = "integer"},
  {key = "contributions", label = L("缴费", "Contributions"), type = "money"},
  {key = "paid", label = L("已付赔款", "Benefits paid"), type = "money"},
  {key = "owed", label = L("应付未付", "Benefits owed"), type = "money"},
  {key = "claims", label = L("赔付件数", "Claims"), type = "integer"},
  {key = "per_thousand", label = L("千人赔付件数", "Claims per 1,000 members")},
  {key = "loss_ratio", label = L("赔付率", "Loss ratio"), type = "percent"},
}}
for _, x in ipairs(order) do
  local tenths = ratio(x.claims, x.members, 10000)   -- claims per 1,000 members, in tenths
  t:add{plan = x.plan, term = x.term, members = x.members, contributions = x.contributions, paid = x.paid, owed = x.owed,
        claims = x.claims, per_thousand = tenths and ("%d.%d"):format(tenths // 10, tenths % 10) or "–",
        loss_ratio = ratio(x.paid + x.owed, x.contributions, 10000)}   -- basis points
end
r:chart{type = "bar", table = t, label = "plan", values = {"contributions", "paid", "owed"},
        title = L("缴费与赔款", "Contributions and benefits")}
return r
