#!/usr/bin/env bash
# Shows that `chorus batch` runs in memory that does not grow with the input (issue 22): a
# zero-latency batch (sim:instant, over plain HTTP to a separately started `chorus sim`) of each
# size given, under -Xmx256m, prints wall and CPU time, peak RSS (/usr/bin/time -v), the load average, and
# checks that every item is in the output exactly once.
#
#   scripts/batch-scale.sh [SIZES...]          (default: 10000 100000 1000000)
#
# CHORUS (default ./chorus) is the command; HEAP (default 256m) the -Xmx; CONCURRENCY (default 64).
# Prints one Markdown table row per size, for BENCHMARKS.md. On a shared machine the CPU time (user+sys of
# the batch process) is the figure to compare across sizes: wall time follows the load average.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHORUS=${CHORUS:-$ROOT/chorus}
HEAP=${HEAP:-256m}
CONCURRENCY=${CONCURRENCY:-64}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for the peak RSS"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chorus-scale.XXXXXX")
echo "work directory: $WORK" >&2

SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true; }
trap cleanup EXIT

"$CHORUS" --version >/dev/null # builds the CLI first if the sources changed
"$CHORUS" sim --port 0 > "$WORK/sim.out" 2> "$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 1 120); do grep -q listening "$WORK/sim.out" 2>/dev/null && break; sleep 0.5; done
URL=$(sed -n 's/^listening on //p' "$WORK/sim.out")
[ -n "$URL" ] || { echo "the simulator did not start:"; cat "$WORK/sim.err"; exit 1; }
echo "simulator: $URL (plain http)" >&2
export CHORUS_SIM_URL=$URL

echo "| lines | wall s | wall µs/item | CPU s (user+sys) | CPU µs/item | peak RSS MB | load avg (1 min) before → after | exit |"
echo "|---:|---:|---:|---:|---:|---:|---|---:|"
for n in "${SIZES[@]}"; do
  dir="$WORK/n$n"
  mkdir -p "$dir"
  python3 - "$n" "$dir/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as f:
    for i in range(int(sys.argv[1])):
        f.write(json.dumps({"custom_id": f"item-{i}", "prompt": f"Question {i}: what is {i} squared?"}) + "\n")
PY
  load0=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  set +e
  (cd "$dir" && CHORUS_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -v -o time.txt "$CHORUS" batch in.jsonl --out out.jsonl \
      --model sim:instant --journal journal.db --concurrency "$CONCURRENCY" --no-progress --quiet > run.out 2> run.err)
  rc=$?
  set -e
  end=$(date +%s.%N)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$dir/time.txt")
  lines=$(wc -l < "$dir/out.jsonl")
  unique=$(python3 -c "import json,sys; print(len({json.loads(l)['custom_id'] for l in open(sys.argv[1])}))" "$dir/out.jsonl")
  if [ "$lines" != "$n" ] || [ "$unique" != "$n" ]; then
    echo "n=$n: $lines lines, $unique distinct ids in the output (exit $rc):" >&2
    tail -5 "$dir/run.err" >&2
    rc=99
  fi
  python3 - "$n" "$start" "$end" "$rss" "$load0" "$load1" "$rc" "$user" "$sys" <<'PY'
import sys
n, start, end, rss, l0, l1, rc, user, sys_ = sys.argv[1:]
wall = float(end) - float(start)
cpu = float(user) + float(sys_)
print(f"| {int(n):,} | {wall:.1f} | {wall / int(n) * 1e6:.0f} | {cpu:.1f} | {cpu / int(n) * 1e6:.0f} | {int(rss) / 1024:.0f} | {l0} → {l1} | {rc} |")
PY
  rm -f "$dir/in.jsonl" "$dir/journal.db" "$dir/journal.db-wal" "$dir/out.jsonl"
done
