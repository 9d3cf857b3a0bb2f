-- The daily overdue-claims check (the stock job "overdue-claims").
--
-- Lists the claims that have waited at one step — reported, under review,
-- approved but unpaid — longer than the office's limit (default 30 days;
-- the job's first argument changes it), longest first. "Get the money into
-- the member's hands first": this is the list to work through each morning.
--
-- It only reads. Scheduled with `output = "reports/overdue-claims-{date}.txt"`,
-- what it prints is saved as that day's report when the run succeeds.
-- By hand: huzhu schedule run overdue-claims
--      or: huzhu run scripts/jobs/overdue-claims.lua [DAYS]

local days = tonumber((...)) or 30
local overdue = huzhu.claims.overdue{days = days}

print(("Overdue claims on %s: waiting more than %d days at one step"):format(huzhu.today(), days))
print()
if #overdue == 0 then
  print("none")
  return
end
print("claim", "plan", "unit", "status", "since", "days")
for _, o in ipairs(overdue) do
  local c = o.claim
  print(c.id, c.plan, c.unit, c.status, o.since, o.days)
end
print()
print(("%d overdue %s"):format(#overdue, #overdue == 1 and "claim" or "claims"))
