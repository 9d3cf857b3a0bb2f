-- The half-year preliminary appraisal (半年初评), run on 07-01 (the stock
-- job "half-year-appraisal"): scores every unit of the level (the job's
-- first argument, default "district,county,industry": 区县 and 产业工会
-- ranked together) as of 30 June with the appraisal rule in force, stores
-- the ranking (replacing an earlier preliminary run of the same kinds, kept
-- in history) and prints it. The year-end appraisal is confirmed by hand:
--   huzhu appraise --level district,county,industry --period YEAR --year 2026 --confirm
-- By hand: huzhu schedule run half-year-appraisal
--      or: huzhu run scripts/jobs/half-year-appraisal.lua [KIND[,KIND…]]

local level = (...) or "district,county,industry"
local year = tonumber(huzhu.today():sub(1, 4))
local results = huzhu.appraisal.run{level = level, period = "H1", year = year}

print(("半年初评 H1 %d: %d %s units, as of %s"):format(year, #results, level, results[1] and results[1].as_of or "-"))
print("rank", "unit", "name", "score", "reward")
for _, r in ipairs(results) do
  print(r.rank, r.unit, r.name, ("%.2f"):format(r.score), huzhu.yuan(r.reward))
end
