-- Target progress (目标任务完成进度) as a report: build(date) returns it.
-- Used by scripts/reports/target-progress.lua and the monthly job
-- scripts/jobs/target-progress.lua.

local lib = require("lib.reporting")
local L = lib.label

local M = {}

--- The target-progress report as of `date` ("YYYY-MM-DD").
function M.build(date)
  if type(date) ~= "string" or not date:match("^%d%d%d%d%-%d%d%-%d%d$") then
    error(("the date must be YYYY-MM-DD (got %q)"):format(tostring(date)), 2)
  end
  local year = tonumber(date:sub(1, 4))

  local r = huzhu.report.new{
    title = L("目标任务完成进度", "Target progress"),
    subtitle = L(("截至%s"):format(date), ("as of %s"):format(date)),
  }
  local targets = {}
  for _, target in ipairs(huzhu.targets.list{year = year}) do
    if target.plan == nil then targets[#targets + 1] = target end
  end
  if #targets == 0 then
    r:paragraph(L(("%d年尚未下达目标任务（用 huzhu import targets 导入）。"):format(year),
                  ("No targets are set for %d (import them with huzhu import targets)."):format(year)))
    return r
  end
  local t = r:table{title = L("各单位目标完成情况", "By union"), columns = {
    {key = "unit", label = L("单位", "Unit")},
    {key = "members", label = L("目标人数", "Target members"), type = "integer"},
    {key = "enrolled", label = L("已参保", "Enrolled"), type = "integer"},
    {key = "target", label = L("目标金额", "Target contributions"), type = "money"},
    {key = "collected", label = L("已缴费", "Collected"), type = "money"},
    {key = "completion", label = L("完成率", "Completion"), type = "percent"},
    {key = "elapsed", label = L("时间进度", "Year gone"), type = "percent"},
    {key = "status", label = L("进度", "Status")},
    {key = "reached", label = L("完成日期", "Reached on")},
  }}
  local ahead, behind = 0, 0
  for _, target in ipairs(targets) do
    local p = huzhu.targets.progress{unit = target.unit, date = date}
    local unit = huzhu.units.get(target.unit)
    if p.on_track then ahead = ahead + 1 else behind = behind + 1 end
    t:add{unit = unit.name, members = p.members, enrolled = p.enrolled, target = p.contributions, collected = p.collected,
          completion = lib.bp(p.completion), elapsed = lib.bp(p.elapsed),
          status = p.on_track and L("达到进度", "on track") or L("落后进度", "behind"),
          reached = p.reached_on or ""}
  end
  r:paragraph(L(("时间过半、任务过半：%d个单位达到进度，%d个单位落后。"):format(ahead, behind),
                ("Half the year gone, half the target done: %d on track, %d behind."):format(ahead, behind)))
  r:chart{type = "bar", table = t, label = "unit", values = {"completion", "elapsed"},
          title = L("完成率与时间进度", "Completion and the year gone")}
  return r
end

return M
