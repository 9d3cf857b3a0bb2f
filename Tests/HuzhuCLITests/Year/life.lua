huzhu.members.transfer("340104198001010119", "BH002", {date = "2026-09-01"})
huzhu.members.leave("340104197001010210", {reason = "retired", date = "2026-08-31"})
local d = huzhu.members.leave("340104197507070149", {reason = "deceased", date = "2026-08-20"})
print("deceased", #d.cancelled)
local c = huzhu.claims.report{member = "340104197507070149", plan = "ACC", kind = "death", incident = "2026-08-20",
  benefit_item = "death", documents = {"理赔申请书", "身份证复印件", "银行卡", "事故经过", "死亡证明", "户籍注销证明"}}
print("death claim", c.id, c.status, #c.missing)
