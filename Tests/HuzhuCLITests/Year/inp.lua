local c = huzhu.claims.report{member = "340104199003030134", plan = "INP", kind = "illness", incident = "2026-10-20",
  admission = "2026-10-20", discharge = "2026-10-30", total = 1000000, insurance_paid = 600000,
  documents = {"理赔申请书", "身份证复印件", "银行卡", "病历资料", "医保结算单", "医疗费用发票"}}
print("inp claim", c.id, c.status, table.concat(c.missing, ","))
