-- B3's dataset, written straight into a fresh workspace's database (the
-- appraisal only reads, so the rows need not pass through the services;
-- they keep every constraint of the schema). Deterministic.
-- :units grassroots unions under 10 districts, :members members with one
-- policy each (26.00 split 5.20 / 13.00 / 7.80, enrolled between 01-01 and
-- 06-29, 1% cancelled), :claims claims (80% paid 3–32 days after the
-- report, 10% rejected, 10% still under review), headcounts and targets.
-- The placeholders UNITS, MEMBERS and CLAIMS are replaced by scripts/bench.
PRAGMA foreign_keys = OFF;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO office (code, name, kind) VALUES ('HQ', '市总保险办', 'office');
INSERT INTO unit (code, name, kind, parentCode, officeCode, path) VALUES ('FED', '市总工会', 'federation', NULL, 'HQ', '/FED/');
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 10)
INSERT INTO unit SELECT printf('D%02d', i), printf('第%d区总工会', i), 'district', 'FED', 'HQ', printf('/FED/D%02d/', i) FROM d;
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < UNITS)
INSERT INTO unit SELECT printf('G%05d', i), printf('基层工会%d', i), 'grassroots', printf('D%02d', i % 10 + 1), 'HQ',
                        printf('/FED/D%02d/G%05d/', i % 10 + 1, i) FROM g;
INSERT INTO unitHeadcount SELECT code, 2026, MEMBERS / UNITS + 20 + abs(substr(code, 2) % 17) FROM unit WHERE kind = 'grassroots';
INSERT INTO plan (code, name, kind, pricePerShare, maxShares, waitingPeriodDays, deductible, paymentRatio, benefits,
                  reportWindowDays, lapseWindowDays, benefitBase)
VALUES ('ACC', '意外伤害', 'accident', 2600, 4, 0, 0, 10000, '[]', 30, 730, 'selfPaid');
INSERT INTO planTerm (id, planCode, label, startDate, endDate, year) VALUES (1, 'ACC', '2026', '2026-01-01', '2026-12-31', 2026);
WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < MEMBERS)
INSERT INTO member (id, residentID, name, gender, birthDate, unitCode, hardship, status, joinedOn)
SELECT i, printf('34010419800101%04d', i), '会员' || i, CASE i % 2 WHEN 1 THEN 'male' ELSE 'female' END, '1980-01-01',
       printf('G%05d', i % UNITS + 1), 0, 'active', '2020-01-01' FROM m;
INSERT INTO policy (id, memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                    splitAdministration, splitUnion, splitMember, status, enrolledOn, operator)
SELECT id, id, 1, 'ACC', 2026, unitCode, 1, date('2026-01-01', '+' || (id % 180) || ' days'), '2026-12-31', 2600, 520, 1300, 780,
       CASE WHEN id % 100 = 0 THEN 'cancelled' ELSE 'active' END, date('2026-01-01', '+' || (id % 180) || ' days'), 'bench'
FROM member;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < CLAIMS)
INSERT INTO claim (id, policyID, memberID, planCode, planTermID, unitCode, kind, incidentDate, totalExpense, insurancePaid, selfPaid,
                   reportedOn, reportDeadline, lateReport, lapseDate, status, statusSince, approvedAmount, rejectionReason, operator)
SELECT i, p.id, p.memberID, 'ACC', 1, p.unitCode, 'accident', date(p.startDate, '+5 days'), 100000, 0, 100000,
       date(p.startDate, '+' || (6 + i % 20) || ' days'), date(p.startDate, '+35 days'), 0, date(p.startDate, '+735 days'),
       CASE WHEN i % 10 < 8 THEN 'paid' WHEN i % 10 = 8 THEN 'rejected' ELSE 'underReview' END,
       date(p.startDate, '+' || (6 + i % 20) || ' days'),
       CASE WHEN i % 10 < 8 THEN 100000 END, CASE WHEN i % 10 = 8 THEN 651 END, 'bench'
FROM c JOIN policy p ON p.id = (i * 7919) % MEMBERS + 1;
INSERT INTO claimEvent (claimID, fromStatus, toStatus, "on", at, operator) SELECT id, NULL, 'reported', reportedOn, reportedOn, 'bench' FROM claim;
INSERT INTO claimEvent (claimID, fromStatus, toStatus, "on", at, operator)
SELECT id, 'reported', 'underReview', reportedOn, reportedOn, 'bench' FROM claim;
INSERT INTO claimEvent (claimID, fromStatus, toStatus, "on", at, operator)
SELECT id, 'underReview', CASE status WHEN 'rejected' THEN 'rejected' ELSE 'approved' END, date(reportedOn, '+2 days'),
       date(reportedOn, '+2 days'), 'bench' FROM claim WHERE status IN ('paid', 'rejected');
INSERT INTO claimPayment (claimID, amount, method, reference, paidOn, ledgerEntryID, operator)
SELECT id, 100000, 'bankTransfer', 'B' || id, date(reportedOn, '+' || (3 + id % 30) || ' days'), 0, 'bench' FROM claim WHERE status = 'paid';
INSERT INTO claimEvent (claimID, fromStatus, toStatus, "on", at, operator)
SELECT claimID, 'approved', 'paid', paidOn, paidOn, 'bench' FROM claimPayment;
INSERT INTO target (unitCode, year, members, contributions, operator, setOn)
SELECT code, 2026, MEMBERS / UNITS, MEMBERS / UNITS * 2600, 'bench', '2026-01-01' FROM unit WHERE kind = 'grassroots';
COMMIT;
ANALYZE;
