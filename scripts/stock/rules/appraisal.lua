-- The stock appraisal rule (考核评分办法): how district, county and
-- industrial unions are scored at the half-year preliminary appraisal
-- (半年初评, as of 06-30) and the year-end final one (年终总评, as of 12-31).
--
-- 100 points:
--   * target, 40: the annual target's completion (the lower of members and
--     contributions) against the share of the year gone — full marks when
--     on pace ("half the year gone, half the task done", 时间过半、任务过半),
--     in proportion below it; none without a target;
--   * participation (参保率), 30: in proportion up to 80% of employees;
--   * timely payouts, 20: full when claims were paid within 10 days of the
--     report on average (or none were paid), one point less per day over;
--   * overdue claims, 10: two points less for each claim overdue on the date.
-- Rewards (奖励兑现): 5,000 yuan for first place, 3,000 for second, 2,000 for
-- third; equal scores share a rank and its reward. Rewards are registered
-- only when the year-end appraisal is confirmed (huzhu appraise --confirm).
--
-- `indicators` and `period` are described in docs/lua-api.md ("Appraisal
-- rules"). Activate it with:
--   huzhu rules activate appraisal scripts/rules/appraisal.lua --from 2026-01-01

local REWARDS = {huzhu.fen("5000"), huzhu.fen("3000"), huzhu.fen("2000")}

local function clamp(x, low, high)
  return math.max(low, math.min(high, x))
end

function score(unit, indicators, period)
  local points = {}
  local target = indicators.target
  if target then
    points.target = clamp(40 * target.completion / period.elapsed, 0, 40)
    if not target.on_track then
      huzhu.explain(("%s is behind: %.1f%% done, %.1f%% of the year gone"):format(
        unit.name, target.completion, period.elapsed))
    end
  else
    points.target = 0
    huzhu.explain(("%s has no target for %d"):format(unit.name, period.year))
  end
  points.participation = clamp(30 * indicators.participation / 80, 0, 30)
  local days = indicators.claims.average_days
  points.timeliness = days and clamp(20 - math.max(days - 10, 0), 0, 20) or 20
  points.overdue = math.max(10 - 2 * indicators.claims.overdue, 0)
  return points.target + points.participation + points.timeliness + points.overdue, points
end

function reward(rank, score, unit, count)
  return REWARDS[rank] or 0
end
