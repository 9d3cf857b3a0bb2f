# B3 for scripts/bench (sourced; uses its $huzhu, $work, $quick and helpers):
# the year-end appraisal of 5,000 grassroots unions over 1,000,000 policies
# and 50,000 claims — `huzhu appraise --level grassroots --period YEAR
# --dry-run`, whole process: indicators for every unit, the stock rule's
# score() and reward() in Lua for each, ranking, storing (rolled back) and
# printing — against one SQL statement of GROUP BYs computing the
# indicators per unit in the sqlite3 shell. The dataset is written by
# scripts/bench.d/b3-data.sql into a fresh workspace. Writes $work/b3-section.md.

run_b3() {
  local units=5000 members=1000000 claims=50000 runs=3
  [ "$quick" -eq 1 ] && { units=500; members=100000; claims=5000; runs=2; }
  local dir="$work/b3"
  "$huzhu" init "$dir" --operator bench >/dev/null
  sed "s/UNITS/$units/g; s/MEMBERS/$members/g; s/CLAIMS/$claims/g" scripts/bench.d/b3-data.sql | sqlite3 "$dir/huzhu.db" >/dev/null
  sed -i 's/^# today = .*/today = "2026-12-31"/' "$dir/huzhu.toml"
  (cd "$dir" && "$huzhu" rules activate appraisal scripts/rules/appraisal.lua --from 2026-01-01 >/dev/null)
  local huzhu_b3=() sql_b3=()
  for _ in $(seq "$runs"); do
    huzhu_b3+=("$(cd "$dir" && measure "$huzhu" appraise --level grassroots --period YEAR --year 2026 --dry-run)")
    sql_b3+=("$(measure sqlite3 "$dir/huzhu.db" ".read scripts/bench.d/b3-baseline.sql")")
  done
  local h_wall h_cpu h_mem s_wall s_cpu
  h_wall=$(col 1 "${huzhu_b3[@]}" | median); h_cpu=$(col 2 "${huzhu_b3[@]}" | median); h_mem=$(col 3 "${huzhu_b3[@]}" | median)
  s_wall=$(col 1 "${sql_b3[@]}" | median); s_cpu=$(col 2 "${sql_b3[@]}" | median)
  local ratio_wall cpu_ratio
  ratio_wall=$(ratio "$h_wall" "$s_wall"); cpu_ratio=$(ratio "$h_cpu" "$s_cpu")
  cat > "$work/b3-section.md" <<MD
<!-- B3 -->
## B3 — appraisal of $(printf "%'d" "$units") units over $(printf "%'d" "$members") policies and $(printf "%'d" "$claims") claims

| | wall (median of $runs) | spread | CPU | peak RSS |
|---|---|---|---|---|
| \`huzhu appraise --level grassroots --period YEAR --dry-run\` | ${h_wall} s | $(col 1 "${huzhu_b3[@]}" | spread) s | ${h_cpu} s | $(mib "$h_mem") MiB |
| sqlite3: one statement of GROUP BYs (scripts/bench.d/b3-baseline.sql) | ${s_wall} s | $(col 1 "${sql_b3[@]}" | spread) s | ${s_cpu} s | |

Ratio **${ratio_wall}×** wall, ${cpu_ratio}× CPU (goal ≤ 1.5×). Huzhu does more than the baseline: the
90th percentile of days to payout, overdue claims judged by each claim's
event history as of 31 December, the stock rule's \`score()\` and
\`reward()\` in Lua for every unit, ranking, printing the ranking, and
storing 5,000 results with their indicators as JSON (rolled back by
--dry-run). The policies are read once: coverage per plan is counted in
the same pass (one \`COUNT(DISTINCT …)\` per plan) where the baseline
groups them a second time.
<!-- /B3 -->
MD
}
