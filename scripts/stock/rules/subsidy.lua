-- The stock subsidy formula (补助办法): who pays a policy's contribution.
--
-- "The administration gives a little, the union raises a little, the
-- employee pays a little" (行政支持一点、工会筹措一点、职工拿一点):
--   * the administration pays 20% of the contribution;
--   * the union pays half of it, at most 30 yuan, and never more than the
--     unit's remaining subsidy budget when one is set;
--   * the member pays the rest;
--   * a hardship member (困难职工) pays nothing: the union covers that part too.
--
-- `e` carries the policy, the member and the budget (docs/lua-api.md,
-- "Subsidy rules"); the result is in whole fen and must add up to the
-- contribution. Activate it with:
--   huzhu rules activate subsidy scripts/rules/subsidy.lua --from 2026-07-01

local UNION_CAP = huzhu.fen("30")

function subsidy(e)
  local c = e.policy.contribution
  local administration = huzhu.share(c, 20, 100)
  local union = math.min(huzhu.share(c, 50, 100), UNION_CAP, c - administration)
  if e.member.hardship then
    union = c - administration
    huzhu.explain("hardship member: pays nothing; the union covers the member's part")
  end
  if e.budget and union > e.budget.remaining then
    huzhu.explain(("union budget: %s left of %s, so the union pays %s"):format(
      huzhu.yuan(e.budget.remaining), huzhu.yuan(e.budget.amount), huzhu.yuan(math.max(e.budget.remaining, 0))))
    union = math.max(e.budget.remaining, 0)
  end
  return {administration = administration, union = union, member = c - administration - union}
end
