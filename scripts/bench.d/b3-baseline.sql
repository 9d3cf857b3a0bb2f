-- B3's baseline: the indicators huzhu computes for every grassroots union
-- for 2026, in one statement of GROUP BYs: employees; members enrolled
-- in 2026's terms (distinct) and per plan; policies
-- enrolled and their contributions by payer; distinct members enrolled this
-- year (target completion) and the target; claims reported, paid, amount
-- paid, average days to payout, rejected, overdue (by current status).
SELECT u.code,
       h.employees, p.covered, p.policies, p.total, p.administration, p.union_part, p.member, p.enrolled,
       cov.plans, c.reported, c.paid, c.amount, c.average_days, c.rejected, c.overdue,
       t.members, t.contributions
FROM unit u
LEFT JOIN unitHeadcount h ON h.unitCode = u.code AND h.year = 2026
LEFT JOIN (SELECT unitCode,
                  COUNT(DISTINCT CASE WHEN year = 2026 THEN memberID END) AS covered,
                  COUNT(*) AS policies, SUM(contribution) AS total, SUM(splitAdministration) AS administration,
                  SUM(splitUnion) AS union_part, SUM(splitMember) AS member,
                  COUNT(DISTINCT CASE WHEN enrolledOn >= '2026-01-01' THEN memberID END) AS enrolled
           FROM policy WHERE status <> 'cancelled' AND enrolledOn <= '2026-12-31'
           GROUP BY unitCode) p ON p.unitCode = u.code
LEFT JOIN (SELECT unitCode, group_concat(planCode || ':' || members) AS plans
           FROM (SELECT unitCode, planCode, COUNT(DISTINCT memberID) AS members FROM policy
                 WHERE status <> 'cancelled' AND enrolledOn <= '2026-12-31' AND year = 2026
                 GROUP BY unitCode, planCode)
           GROUP BY unitCode) cov ON cov.unitCode = u.code
LEFT JOIN (SELECT c.unitCode, COUNT(*) AS reported, COUNT(cp.claimID) AS paid, SUM(cp.amount) AS amount,
                  AVG(julianday(cp.paidOn) - julianday(c.reportedOn)) AS average_days,
                  SUM(c.status = 'rejected') AS rejected,
                  SUM(c.status IN ('reported', 'underReview', 'approved') AND c.statusSince < '2026-12-01') AS overdue
           FROM claim c LEFT JOIN claimPayment cp ON cp.claimID = c.id
           WHERE c.reportedOn BETWEEN '2026-01-01' AND '2026-12-31'
           GROUP BY c.unitCode) c ON c.unitCode = u.code
LEFT JOIN target t ON t.unitCode = u.code AND t.year = 2026 AND t.planCode IS NULL
WHERE u.kind = 'grassroots'
ORDER BY u.path;
