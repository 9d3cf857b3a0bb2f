local c = huzhu.claims.add_documents(2, {"出院小结"})
c = huzhu.claims.review(2, {approve = true})
c = huzhu.claims.pay(2, {amount = c.approved_amount, method = "bankTransfer", reference = "BK-2", date = "2026-12-01"})
print("inp claim", c.status, c.approved_amount)
local a = huzhu.claims.report{member = "34010419920202022X", plan = "ACC", kind = "accident", incident = "2026-11-02",
  admission = "2026-11-02", discharge = "2026-11-08", benefit_item = "injury", total = 300000, insurance_paid = 200000,
  documents = {"理赔申请书", "身份证复印件", "银行卡", "事故经过", "出院小结", "医保结算单", "医疗费用发票"}}
a = huzhu.claims.review(a.id, {reject = "excludedCause", note = "酒后驾驶"})
print("accident claim", a.id, a.status)
a = huzhu.claims.reopen(a.id, {note = "复核：交警认定非酒驾"})
a = huzhu.claims.review(a.id, {approve = true})
a = huzhu.claims.pay(a.id, {amount = a.approved_amount, method = "bankTransfer", reference = "BK-3", date = "2026-12-01"})
print("accident claim", a.status, a.approved_amount)
