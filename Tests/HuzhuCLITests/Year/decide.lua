local c = huzhu.claims.each{status = "reported"}()
c = huzhu.claims.review(c.id, {approve = true})
c = huzhu.claims.pay(c.id, {amount = c.approved_amount, method = "bankTransfer", reference = "BK-1", date = "2026-09-10"})
print("death claim", c.status, c.approved_amount)
