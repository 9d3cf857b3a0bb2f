# B5 for scripts/bench (sourced; uses its $huzhu, $work, $quick and helpers):
# start-up — `huzhu run empty.lua` inside a demo workspace (the database
# opened, the schema checked, huzhu.toml read, the `huzhu` module
# registered), whole process, against `lua5.4 empty.lua`; 20 runs of each,
# alternating, medians and their ratio. Writes $work/b5-section.md.

run_b5() {
  local runs=20 members=50000
  [ "$quick" -eq 1 ] && members=2000
  local dir="$work/b5"
  "$huzhu" demo "$dir" --members "$members" >/dev/null
  : > "$work/empty.lua"
  # One run of each first, so that both start from a warm page cache.
  (cd "$dir" && "$huzhu" run "$work/empty.lua" >/dev/null); lua5.4 "$work/empty.lua" >/dev/null
  local h=() l=() s e
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); (cd "$dir" && exec "$huzhu" run "$work/empty.lua" >/dev/null); e=$(date +%s%N)
    h+=("$(echo "scale=3; ($e - $s) / 1000000" | bc)")
    s=$(date +%s%N); (cd "$dir" && exec lua5.4 "$work/empty.lua" >/dev/null); e=$(date +%s%N)
    l+=("$(echo "scale=3; ($e - $s) / 1000000" | bc)")
  done
  local hm lm
  hm=$(printf '%s\n' "${h[@]}" | median); lm=$(printf '%s\n' "${l[@]}" | median)
  b5_ratio=$(ratio "$hm" "$lm")
  cat > "$work/b5-section.md" <<MD
<!-- B5 -->
## B5 — start-up inside a workspace

\`huzhu run empty.lua\` inside the demo workspace (\`huzhu demo --members $members\`): the
whole process — start, huzhu.toml read, the database opened and its schema checked, the
\`huzhu\` module registered, the (empty) run's transaction — against \`lua5.4 empty.lua\`
started the same way (a subshell that changes into the workspace and execs); $runs runs of
each, alternating, after one warm-up run of each.

| | median | spread |
|---|---|---|
| \`huzhu run empty.lua\` | $hm ms | $(printf '%s\n' "${h[@]}" | spread) ms |
| \`lua5.4 empty.lua\` | $lm ms | $(printf '%s\n' "${l[@]}" | spread) ms |
| ratio | **$b5_ratio** | goal ≤ 4 |
<!-- /B5 -->
MD
}
