#!/usr/bin/env bash
# Shows that a batch killed with SIGKILL at random moments resumes without losing or duplicating
# items, and without paying twice for more calls than were in flight at each kill.
#
#   scripts/batch-kill-resume.sh [ITEMS] [KILLS]        (defaults: 2000 items, 5 kills)
#
# 1. starts `chorus sim --port 0` separately, so its counters (GET /_sim/stats) outlive the batch;
# 2. runs `chorus batch` on sim:fast, kills it with kill -9 a random 0.2-2.5 s after its first call, KILLS times,
#    resuming with --resume each time, sampling the simulator's open connections just before each
#    kill (an upper bound of the calls in flight: every call in flight holds a connection);
# 3. runs the batch to completion with --resume;
# 4. checks: the output holds every custom_id exactly once; the calls the simulator answered beyond
#    one per item (= calls paid twice) do not exceed the sum of calls in flight at the kills (plus
#    the engine's own retries, logged in chorus.log, which are paid whether or not anything is killed;
#    normally 0 on sim:fast).
#
# CHORUS (default ./chorus) is the command to run; CONCURRENCY (default 16) bounds calls in flight.
# MODE=vote runs a 3-sample vote workflow per item instead of one call (3 calls per item).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHORUS=${CHORUS:-$ROOT/chorus}
ITEMS=${1:-2000}
KILLS=${2:-5}
CONCURRENCY=${CONCURRENCY:-16}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chorus-kill.XXXXXX")
cd "$WORK"
echo "work directory: $WORK"

SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true; }
trap cleanup EXIT

"$CHORUS" sim --port 0 > sim.out 2> sim.err &
SIM_PID=$!
for _ in $(seq 1 120); do grep -q listening sim.out 2>/dev/null && break; sleep 0.5; done
URL=$(sed -n 's/^listening on //p' sim.out)
[ -n "$URL" ] || { echo "the simulator did not start:"; cat sim.err; exit 1; }
echo "simulator: $URL"
export CHORUS_SIM_URL=$URL

python3 - "$ITEMS" <<'PY'
import json, sys
with open("in.jsonl", "w") as f:
    for i in range(int(sys.argv[1])):
        f.write(json.dumps({"custom_id": f"item-{i}", "prompt": f"Question {i}: what is {i} squared?"}) + "\n")
PY

# requests answered with a paid response (429s and injected faults are not paid), and open connections
stat() { curl -s "$URL/_sim/stats" | python3 -c "import json,sys; s=json.load(sys.stdin); t=s['totals']; print(t['requests'] - t['rateLimited'] - sum(t['faults'].values()), s['openConnections'])"; }

RUN=(batch in.jsonl --out out.jsonl --model sim:fast --journal journal.db --concurrency "$CONCURRENCY" --no-progress --quiet
     --log-file chorus.log)
CALLS_PER_ITEM=1
if [ "${MODE:-call}" = vote ]; then
  printf 'kind: vote\nname: check\nmodel: sim:fast\noptions: [yes, no]\nsamples: {count: 3, temperature: 0.8}\n' > vote.yaml
  RUN+=(--workflow vote.yaml)
  CALLS_PER_ITEM=3
fi
INFLIGHT_SUM=0
for k in $(seq 1 "$KILLS"); do
  RESUME=(); [ "$k" -gt 1 ] && RESUME=(--resume)
  "$CHORUS" "${RUN[@]}" "${RESUME[@]}" > "run$k.out" 2> "run$k.err" &
  PID=$!
  # wait until this run is calling the simulator (the JVM may take seconds to start), then a random moment
  read -r BEFORE _ < <(stat)
  for _ in $(seq 1 600); do
    read -r NOW _ < <(stat)
    [ "$NOW" -gt "$BEFORE" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.2, 2.5), 2))')"
  read -r REQ OPEN < <(stat)
  OPEN=$((OPEN > 0 ? OPEN - 1 : 0)) # the stats request's own connection
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  DONE=$(python3 -c "import sqlite3; c=sqlite3.connect('journal.db'); print(c.execute('select count(*) from batch_items').fetchone()[0])" 2>/dev/null || echo 0)
  echo "kill $k: simulator had answered $REQ request(s), $OPEN connection(s) open (calls in flight <= $OPEN); items finished in the journal: $DONE"
  INFLIGHT_SUM=$((INFLIGHT_SUM + OPEN))
done

"$CHORUS" "${RUN[@]}" --resume --json > final.json 2> final.err || { echo "the final run failed:"; cat final.err; exit 1; }
read -r REQ OPEN < <(stat)
curl -s "$URL/_sim/stats" > sim-stats.json
# retries the engine made (logged at info level with the call id) are paid too, kills or not
RETRIES=$(grep -c ' - retry [0-9]* in ' chorus.log || true)
python3 -c "import json; t=json.load(open('sim-stats.json'))['totals']; print(f\"simulator totals: {t['requests']} requests, {t['rateLimited']} rate-limited (429), faults {t['faults']}\")"
python3 - "$ITEMS" "$REQ" "$INFLIGHT_SUM" "$KILLS" "$CONCURRENCY" "$CALLS_PER_ITEM" "$RETRIES" <<'PY'
import json, sys
items, served, inflight, kills, conc, per_item, retries = map(int, sys.argv[1:])
ids = [json.loads(l)["custom_id"] for l in open("out.jsonl")]
expected = {f"item-{i}" for i in range(items)}
dupes = len(ids) - len(set(ids))
missing = len(expected - set(ids))
paid_twice = served - items * per_item
print(f"output: {len(ids)} lines, {len(set(ids))} distinct custom_ids, {dupes} duplicate(s), {missing} missing")
print(f"simulator answered (paid) {served} calls for {items} items x {per_item} call(s): {paid_twice} paid twice; "
      f"calls in flight at the {kills} kills: at most {inflight} (bound by concurrency: {kills * conc})")
print(f"retries made by the engine over all runs (from chorus.log): {retries}")
ok = dupes == 0 and missing == 0 and paid_twice <= inflight + retries
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
