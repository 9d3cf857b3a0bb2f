# B1/B6 for scripts/bench (sourced; uses its $huzhu, $work, $quick, $python and
# helpers): the stock subsidy formula applied to about 1,000,000 policies,
# results persisted, against the same split computed by
#   (a)  one SQL UPDATE in the sqlite3 shell (splits only),
#   (a+) sqlite3 doing every write `huzhu rules apply` does (splits, decisions,
#        one adjusting ledger entry per policy) in the same set-wise statements,
#   (b)  a straightforward Python + sqlite3 script (read, compute, executemany
#        UPDATE, commit; splits only).
# The dataset is `huzhu demo --members 436400` (seed 1: about 1,000,000 policies
# of 2026; the section reports the exact count), re-split first to "the member
# pays all" (the demo enrols with the stock formula); the stock formula, in
# force again from 2026-12-01, then changes every one of them. Each measured run starts from a fresh
# copy of the same database file. B6 is the peak RSS of the huzhu runs.
# Writes $work/b1-section.md.

run_b1() {
  local b1members=436400 b1runs=3
  [ "$quick" -eq 1 ] && { b1members=43640; b1runs=2; }
  local dir="$work/b1" pristine="$work/b1-pristine.db"
  "$huzhu" demo "$dir" --members "$b1members" >/dev/null
  # The demo enrols with the stock formula, so a plain re-split would change nothing: first
  # re-split everything to "the member pays all" (a rule in force from 2026-11-01), then put
  # the stock formula back in force from 2026-12-01 — the measured run changes every policy.
  printf 'function subsidy(e)\n  return {administration = 0, union = 0, member = e.policy.contribution}\nend\n' > "$work/member-pays.lua"
  (cd "$dir" && "$huzhu" rules activate subsidy "$work/member-pays.lua" --from 2026-11-01 >/dev/null \
     && "$huzhu" rules apply subsidy --year 2026 >/dev/null \
     && "$huzhu" rules activate subsidy scripts/rules/subsidy.lua --from 2026-12-01 >/dev/null)
  sqlite3 "$dir/huzhu.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$dir/huzhu.db" "$pristine"
  local policies
  policies=$(sqlite3 "$pristine" "SELECT COUNT(*) FROM policy WHERE year = 2026 AND status = 'active'")

  # The stock formula in SQL: administration 20% (half-up), the union half up
  # to 30 yuan (all but the administration's part for a hardship member), the
  # member the rest. No budgets are set in the demo.
  cat > "$work/b1-update.sql" <<'SQL'
UPDATE policy SET splitAdministration = s.a, splitUnion = s.u, splitMember = policy.contribution - s.a - s.u
FROM (SELECT p.id AS pid, (p.contribution * 20 + 50) / 100 AS a,
             CASE WHEN m.hardship THEN p.contribution - (p.contribution * 20 + 50) / 100
                  ELSE min((p.contribution * 50 + 50) / 100, 3000, p.contribution - (p.contribution * 20 + 50) / 100) END AS u
      FROM policy p JOIN member m ON m.id = p.memberID WHERE p.year = 2026 AND p.status = 'active') s
WHERE policy.id = s.pid;
SQL
  # (a+): the statements of SubsidyResplit+Writes.swift and LedgerStore.post (the set-based
  # posting), fed by the same split: splits, one decision and ONE adjusting entry per policy.
  cat > "$work/b1-full.sql" <<'SQL'
BEGIN;
CREATE TEMP TABLE r (policyID INTEGER PRIMARY KEY, administration INTEGER NOT NULL, "union" INTEGER NOT NULL,
                     member INTEGER NOT NULL, age INTEGER NOT NULL, notes TEXT NOT NULL,
                     dAdministration INTEGER NOT NULL, dUnion INTEGER NOT NULL, dMember INTEGER NOT NULL);
INSERT INTO r
SELECT policyID, administration, "union", contribution - administration - "union", age, '[]',
       administration - a0, "union" - u0, contribution - administration - "union" - m0 FROM (
  SELECT p.id AS policyID, p.contribution, p.splitAdministration AS a0, p.splitUnion AS u0, p.splitMember AS m0,
         (p.contribution * 20 + 50) / 100 AS administration,
         CASE WHEN m.hardship THEN p.contribution - (p.contribution * 20 + 50) / 100
              ELSE min((p.contribution * 50 + 50) / 100, 3000, p.contribution - (p.contribution * 20 + 50) / 100) END AS "union",
         CAST(strftime('%Y', p.startDate) AS INT) - CAST(strftime('%Y', m.birthDate) AS INT)
           - (strftime('%m-%d', p.startDate) < strftime('%m-%d', m.birthDate)) AS age
  FROM policy p JOIN member m ON m.id = p.memberID WHERE p.year = 2026 AND p.status = 'active' ORDER BY p.id);
UPDATE policy SET splitAdministration = r.administration, splitUnion = r."union", splitMember = r.member,
       operator = 'bench', scriptName = 'rules/subsidy.lua', scriptSHA256 = 'sql'
FROM r WHERE policy.id = r.policyID;
INSERT INTO decision (kind, ruleName, ruleVersionID, subjectTable, subjectID, decidedOn, inputs, outputs, notes, operator)
SELECT 'subsidy', 'subsidy', 1, 'policy', r.policyID, '2026-09-30',
       json_object('age', r.age, 'contribution', p.contribution, 'gender', m.gender,
                   'hardship', json(CASE WHEN m.hardship THEN 'true' ELSE 'false' END), 'plan', p.planCode,
                   'shares', p.shares, 'start', p.startDate, 'unit', m.unitCode),
       json_object('administration', r.administration, 'member', r.member, 'union', r."union"), r.notes, 'bench'
FROM r JOIN policy p ON p.id = r.policyID JOIN member m ON m.id = p.memberID ORDER BY r.policyID;
CREATE TEMP TABLE mark AS SELECT COALESCE(MAX(id), 0) AS id FROM ledgerEntry;
INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256)
SELECT '2026-09-30', 'adjustment', 're-split of policy ' || p.id || ': subsidy split changed', p.id, p.unitCode,
       strftime('%Y-%m-%dT%H:%M:%fZ'), 'bench', 'rules/subsidy.lua', 'sql'
FROM r JOIN policy p ON p.id = r.policyID ORDER BY r.policyID;
INSERT INTO ledgerLine (entryID, account, debit, credit)
SELECT e.id, a.account,
       CASE a.k WHEN 0 THEN max(-r.dAdministration, 0) WHEN 1 THEN max(-r.dUnion, 0) WHEN 2 THEN max(-r.dMember, 0) END,
       CASE a.k WHEN 0 THEN max(r.dAdministration, 0) WHEN 1 THEN max(r.dUnion, 0) WHEN 2 THEN max(r.dMember, 0) END
FROM ledgerEntry e JOIN r ON r.policyID = e.policyID
CROSS JOIN (SELECT 0 AS k, 'contributions:administration' AS account UNION ALL SELECT 1, 'contributions:union'
            UNION ALL SELECT 2, 'contributions:member') a
WHERE e.id > (SELECT id FROM mark)
  AND (CASE a.k WHEN 0 THEN max(-r.dAdministration, 0) WHEN 1 THEN max(-r.dUnion, 0) WHEN 2 THEN max(-r.dMember, 0) END)
    + (CASE a.k WHEN 0 THEN max(r.dAdministration, 0) WHEN 1 THEN max(r.dUnion, 0) WHEN 2 THEN max(r.dMember, 0) END) > 0
ORDER BY e.id, a.k;
COMMIT;
SQL
  cat > "$work/b1.py" <<'PY'
import sqlite3, sys

def share(fen, numerator, denominator):
    """An exact fraction of an amount of fen, half-up (huzhu.share)."""
    return (2 * fen * numerator + denominator) // (2 * denominator)

db = sqlite3.connect(sys.argv[1])
rows = db.execute("""SELECT p.id, p.contribution, m.hardship FROM policy p JOIN member m ON m.id = p.memberID
                     WHERE p.year = 2026 AND p.status = 'active'""").fetchall()
updates = []
for policy_id, c, hardship in rows:
    administration = share(c, 20, 100)
    union = c - administration if hardship else min(share(c, 50, 100), 3000, c - administration)
    updates.append((administration, union, c - administration - union, policy_id))
db.executemany("UPDATE policy SET splitAdministration = ?, splitUnion = ?, splitMember = ? WHERE id = ?", updates)
db.commit()
PY

  # The same splits everywhere: a checksum over every policy.
  local checksum="SELECT SUM(id % 9973 * (splitAdministration * 3 + splitUnion * 5 + splitMember * 7)) FROM policy"
  local h=() a=() af=() py=() sum_h sum_a sum_af sum_py out_h
  for _ in $(seq "$b1runs"); do
    rm -f "$dir/huzhu.db-wal" "$dir/huzhu.db-shm"; cp "$pristine" "$dir/huzhu.db"
    h+=("$(cd "$dir" && measure "$huzhu" rules apply subsidy --year 2026)")
    rm -f "$work/a.db"*; cp "$pristine" "$work/a.db"
    a+=("$(measure sqlite3 "$work/a.db" ".read $work/b1-update.sql")")
    rm -f "$work/af.db"*; cp "$pristine" "$work/af.db"
    af+=("$(measure sqlite3 "$work/af.db" ".read $work/b1-full.sql")")
    rm -f "$work/py.db"*; cp "$pristine" "$work/py.db"
    py+=("$(measure "$python" "$work/b1.py" "$work/py.db")")
  done
  out_h=$(cd "$dir" && "$huzhu" rules apply subsidy --year 2026 --dry-run | head -1)   # nothing left to change
  (cd "$dir" && "$huzhu" ledger check >/dev/null) || { echo "bench: B1 ledger check failed after huzhu rules apply" >&2; exit 1; }
  sum_h=$(sqlite3 "$dir/huzhu.db" "$checksum"); sum_a=$(sqlite3 "$work/a.db" "$checksum")
  sum_af=$(sqlite3 "$work/af.db" "$checksum"); sum_py=$(sqlite3 "$work/py.db" "$checksum")
  [ "$sum_h" = "$sum_a" ] && [ "$sum_h" = "$sum_af" ] && [ "$sum_h" = "$sum_py" ] \
    || { echo "bench: B1 splits differ: huzhu $sum_h, sql $sum_a, sql+ $sum_af, python $sum_py" >&2; exit 1; }
  local entries
  entries=$(sqlite3 "$dir/huzhu.db" "SELECT (SELECT COUNT(*) FROM decision) || ' decisions, ' || (SELECT COUNT(*) FROM ledgerEntry) || ' ledger entries, ' || (SELECT COUNT(*) FROM ledgerLine) || ' lines'")

  local hw hc hm aw ac afw afc pw pc pm
  hw=$(col 1 "${h[@]}" | median); hc=$(col 2 "${h[@]}" | median); hm=$(col 3 "${h[@]}" | sort -n | tail -1)
  aw=$(col 1 "${a[@]}" | median); ac=$(col 2 "${a[@]}" | median)
  afw=$(col 1 "${af[@]}" | median); afc=$(col 2 "${af[@]}" | median)
  pw=$(col 1 "${py[@]}" | median); pc=$(col 2 "${py[@]}" | median); pm=$(col 3 "${py[@]}" | median)
  row() {  # name, runs array name
    local -n runs=$2
    echo "| $1 | $(col 1 "${runs[@]}" | median) s ($(col 1 "${runs[@]}" | spread)) | $(col 2 "${runs[@]}" | median) s | $(mib "$(col 3 "${runs[@]}" | sort -n | tail -1)") MiB | $(ratio "$hw" "$(col 1 "${runs[@]}" | median)") | $(ratio "$hc" "$(col 2 "${runs[@]}" | median)") |"
  }
  {
    echo "<!-- B1 -->"
    echo "## B1 and B6: the subsidy formula over $policies policies, persisted"
    echo
    echo "Written by \`scripts/bench$([ "$quick" -eq 1 ] && echo " --quick")$([ "$only" = b1 ] && echo " b1")\` on $(date -u +%Y-%m-%d) ($(nproc) cores, shared)."
    echo "Dataset: \`huzhu demo --members $b1members\` (seed 1), $policies active policies of 2026, re-split first to"
    echo "\"the member pays all\" (the demo enrols with the stock formula); the stock formula (\`scripts/stock/rules/subsidy.lua\`),"
    echo "in force again from 2026-12-01, changes every one. Each run starts from a fresh copy of the same database file; wall and CPU"
    echo "(user + system) are medians of $b1runs runs (spread of wall in brackets), peak RSS the largest"
    echo "(\`/usr/bin/time\`). All four leave the same split on every policy (checked)."
    echo
    echo "| run | wall | CPU | peak RSS | huzhu ÷ this, wall | huzhu ÷ this, CPU |"
    echo "|---|---|---|---|---|---|"
    row "\`huzhu rules apply subsidy --year 2026\`: Lua \`subsidy(e)\` per policy; splits, one decision and one adjusting ledger entry per changed policy, audit — one transaction" h
    row "(a) one SQL \`UPDATE\` in \`sqlite3\` computing the same split (splits only)" a
    row "(a+) \`sqlite3\` making every write huzhu makes (the statements of \`SubsidyResplit+Writes.swift\` and \`LedgerStore.post\`, split computed in SQL)" af
    row "(b) Python 3 + \`sqlite3\` module: read, compute, \`executemany\` UPDATE, commit (splits only)" py
    echo
    echo "Goals (issue 16): B1 huzhu ÷ (a) ≤ 8 — **$(ratio "$hw" "$aw")** (wall), **$(ratio "$hc" "$ac")** (CPU);"
    echo "huzhu ÷ (a+) ≤ 1.2 — **$(ratio "$hw" "$afw")** (wall), **$(ratio "$hc" "$afc")** (CPU). Earlier goals: huzhu ÷ (a) ≤ 1.5;"
    echo "huzhu ÷ (b) ≤ 0.2 — **$(ratio "$hw" "$pw")**; B6 peak RSS ≤ 100 MiB — **$(mib "$hm") MiB**."
    echo "After the runs the workspace holds $entries; \`huzhu ledger check\` is clean and a"
    echo "second application finds nothing to change (\`$out_h\`)."
    echo "<!-- /B1 -->"
  } > "$work/b1-section.md"
}
