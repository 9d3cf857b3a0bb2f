-- Appraisal results and rewards (考核结果与奖励兑现): the stored ranking of a
-- level's units for the half-year (H1) or year-end (YEAR) appraisal, with
-- points per indicator, and the reward register of the year. LEVEL is a
-- unit kind or kinds ranked together, joined by commas (district,county,industry).
--   huzhu report appraisal [-- LEVEL PERIOD YEAR]   (default: district YEAR, this year)

local lib = require("lib.reporting")
local L = lib.label
local level, period, year = ...
level = level or "district"
period = (period or "YEAR"):upper()
year = lib.year(year)
local name = period == "H1" and L("半年初评", "half-year preliminary appraisal") or L("年终总评", "year-end final appraisal")

local results = huzhu.appraisal.results{level = level, period = period, year = year}
local r = huzhu.report.new{
  title = L(("%d年度%s"):format(year, name), ("%d %s"):format(year, name)),
  subtitle = L(("考核对象：%s"):format(level), ("units appraised: %s"):format(level)),
}
if #results == 0 then
  r:paragraph(L(("尚未进行%d年度%s（huzhu appraise --level %s --period %s --year %d）。"):format(year, name, level, period, year),
                ("The %s of %d has not been run (huzhu appraise --level %s --period %s --year %d)."):format(name, year, level, period, year)))
  return r
end

local status = results[1].status == "confirmed" and L("已确认（最终）", "confirmed (final)") or L("初评，可重新考核", "preliminary")
r:paragraph(L(("截至%s，共%d个单位；%s。"):format(results[1].as_of, #results, status),
              ("As of %s, %d units; %s."):format(results[1].as_of, #results, status)))

local items = {}
for key in pairs(results[1].breakdown) do items[#items + 1] = key end
table.sort(items)
local columns = {
  {key = "rank", label = L("名次", "Rank"), type = "integer"},
  {key = "unit", label = L("单位", "Unit")},
  {key = "score", label = L("得分", "Score")},
}
for _, item in ipairs(items) do columns[#columns + 1] = {key = "item_" .. item, label = item} end
columns[#columns + 1] = {key = "reward", label = L("奖励", "Reward"), type = "money"}
local t = r:table{title = L("排名", "Ranking"), columns = columns}
for _, result in ipairs(results) do
  local row = {rank = result.rank, unit = result.name, score = ("%.2f"):format(result.score), reward = result.reward}
  for _, item in ipairs(items) do row["item_" .. item] = ("%.2f"):format(result.breakdown[item] or 0) end
  t:add(row)
end
r:chart{type = "bar", table = t, label = "unit", values = {"reward"}, title = L("奖励", "Rewards")}

local rewards = huzhu.appraisal.rewards(year)
r:section(L("奖励登记", "Reward register"))
if #rewards == 0 then
  r:paragraph(L("年终总评确认后（huzhu appraise --confirm）登记奖励。", "Rewards are registered when the year-end appraisal is confirmed (huzhu appraise --confirm)."))
else
  local register = r:table{title = L("奖励兑现", "Rewards"), total = true, columns = {
    {key = "unit", label = L("单位", "Unit")}, {key = "rank", label = L("名次", "Rank"), type = "integer"},
    {key = "amount", label = L("金额", "Amount"), type = "money"}}}
  for _, reward in ipairs(rewards) do
    register:add{unit = huzhu.units.get(reward.unit).name, rank = reward.rank, amount = reward.amount}
  end
end
return r
