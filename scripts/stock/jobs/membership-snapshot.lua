-- Daily membership and enrollment snapshot (the stock job "membership-snapshot").
--
-- (Overdue claims have their own daily job, "overdue-claims".)
--
-- It only reads. Scheduled with `output = "reports/membership-snapshot-{date}.txt"`,
-- what it prints is saved as that day's report when the run succeeds.
-- By hand: huzhu schedule run membership-snapshot
--      or: huzhu run scripts/jobs/membership-snapshot.lua [YEAR]

local today = huzhu.today()
local year = tonumber((...)) or tonumber(today:sub(1, 4))

print(("Membership snapshot, business date %s, plan year %d"):format(today, year))
print()
print("district", "name", "active", "hardship", "retired", "left", "policies")
local totals = {active = 0, hardship = 0, retired = 0, left = 0, policies = 0}
for d in huzhu.units.each{kind = "district"} do
  local row = {
    active = huzhu.members.count{unit = d.code, status = "active"},
    hardship = huzhu.members.count{unit = d.code, status = "active", hardship = true},
    retired = huzhu.members.count{unit = d.code, status = "retired"},
    left = huzhu.members.count{unit = d.code, status = "left"},
    policies = huzhu.policies.count{unit = d.code, year = year, status = "active"},
  }
  for k, v in pairs(row) do totals[k] = totals[k] + v end
  print(d.code, d.name, row.active, row.hardship, row.retired, row.left, row.policies)
end
print("total", "", totals.active, totals.hardship, totals.retired, totals.left, totals.policies)
print()
print("plan", "name", "policies", "contributions (yuan)")
for p in huzhu.plans.each() do
  local n, fen = 0, 0
  for policy in huzhu.policies.each{plan = p.code, year = year, status = "active"} do
    n = n + 1
    fen = fen + policy.contribution
  end
  print(p.code, p.name, n, huzhu.yuan(fen))
end
