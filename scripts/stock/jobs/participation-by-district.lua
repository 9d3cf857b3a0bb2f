-- Monthly participation by district (the stock job "participation-by-district").
--
-- Participation rate (参保率) = members enrolled in a plan year / employees
-- of the district's units that year. Unit targets are not in Huzhu yet.
-- When they land, this job becomes the monthly target-progress report
-- ("时间过半、任务过半": half the year gone, half the target done).
--
-- It only reads. Scheduled with `output = "reports/participation-{date}.txt"`,
-- what it prints is saved as that month's report when the run succeeds.
-- By hand: huzhu schedule run participation-by-district
--      or: huzhu run scripts/jobs/participation-by-district.lua [YEAR]

local today = huzhu.today()
local year = tonumber((...)) or tonumber(today:sub(1, 4))

local function rate(enrolled, employees)
  if employees == 0 then return "-" end
  return ("%.1f%%"):format(100 * enrolled / employees)
end

-- Members with an active policy of the plan year, in a unit subtree: the
-- subtree of "/FED/BH/" is the path range ["/FED/BH/", "/FED/BH0").
local function enrolled(path)
  local rows = huzhu.sql([[
    SELECT COUNT(DISTINCT p.memberID) AS n FROM policy p JOIN unit u ON u.code = p.unitCode
    WHERE p.year = ? AND p.status = 'active' AND u.path >= ? AND u.path < ?]],
    {year, path, path:sub(1, -2) .. "0"})
  return rows[1].n
end

print(("Participation by district, plan year %d, as of %s"):format(year, today))
print()
print("district", "name", "employees", "enrolled", "rate")
local all_employees, all_enrolled = 0, 0
for d in huzhu.units.each{kind = "district"} do
  local employees = huzhu.units.employees(d.code, year)
  local n = enrolled(d.path)
  all_employees, all_enrolled = all_employees + employees, all_enrolled + n
  print(d.code, d.name, employees, n, rate(n, employees))
end
print("total", "", all_employees, all_enrolled, rate(all_enrolled, all_employees))
