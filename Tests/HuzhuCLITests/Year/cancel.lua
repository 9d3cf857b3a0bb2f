for p in huzhu.policies.each{member = "340104199509090417"} do
  local c = huzhu.policies.cancel(p.id, {reason = "调离本市", date = "2026-09-10"})
  print("cancelled", p.plan, c.refund_rule, c.refund)
end
