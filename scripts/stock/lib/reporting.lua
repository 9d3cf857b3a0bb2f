-- Helpers shared by the stock reports: `local lib = require("lib.reporting")`.

local M = {}

--- Picks the Chinese or the English label, as `huzhu report --lang` chose.
function M.label(zh, en)
  return huzhu.report.lang() == "en" and en or zh
end

--- The year to report on: the first script argument, else the business date's year.
function M.year(arg)
  local year = tonumber(arg)
  if arg ~= nil and year == nil then error(("the year must be a number such as 2026 (got %q)"):format(arg), 2) end
  return year or tonumber(huzhu.today():sub(1, 4))
end

--- A percentage (a number such as 52.5) as a report's percent value (integer basis points).
function M.bp(percent)
  return huzhu.round(percent * 100)
end

--- The units directly under the federation (districts, counties, industrial
--- and enterprise unions), in path order.
function M.top_units()
  local federation
  for u in huzhu.units.each{kind = "federation"} do federation = u end
  local units = {}
  if not federation then return units end
  for u in huzhu.units.each{under = federation.code} do
    if u.parent == federation.code then units[#units + 1] = u end
  end
  return units, federation
end

--- The date of the figures: the year's end, or the business date when the year is not over.
function M.as_of(year)
  local today = huzhu.today()
  local year_end = ("%04d-12-31"):format(year)
  return today < year_end and today or year_end
end

return M
