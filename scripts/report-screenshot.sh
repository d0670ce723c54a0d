#!/usr/bin/env bash
# Documented check that the HTML report opens in a real browser and shows the timeline:
# runs a 300-item batch on the simulator's "flaky" model (429s, 500s, 529s, resets: retries show in
# the timeline), writes --report run.html, and screenshots it with headless Chromium (Debian's
# `chromium`; install with `apt-get install -y chromium`).
#
#   scripts/report-screenshot.sh [OUT_DIR]      (default: a new temporary directory)
#
# Prints the paths of run.html and run.png; open the PNG to see the summary cards, the
# attempts-in-flight chart and the per-call timeline coloured by outcome. Exits 1 when Chromium
# is missing or writes no picture. CHORUS (default ./chorus) is the command to run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHORUS=${CHORUS:-$ROOT/chorus}
OUT=${1:-$(mktemp -d "${TMPDIR:-/tmp}/chorus-report.XXXXXX")}
mkdir -p "$OUT"
cd "$OUT"
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install -y chromium)"; exit 1; }
python3 -c "
import json
with open('in.jsonl', 'w') as f:
    for i in range(300):
        f.write(json.dumps({'custom_id': f'item-{i}', 'prompt': f'Question {i}'}) + '\n')
"
rm -rf .chorus
"$CHORUS" batch in.jsonl --out out.jsonl --model sim:flaky --concurrency 16 --report run.html --no-progress || true
grep -q '<svg id="timeline"' run.html || { echo "run.html has no timeline"; exit 1; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1500 \
  --screenshot="$OUT/run.png" "file://$OUT/run.html" >/dev/null 2>&1 || true
[ -s run.png ] && [ "$(stat -c %s run.png)" -gt 20000 ] || { echo "no screenshot written"; exit 1; }
echo "report:     $OUT/run.html"
echo "screenshot: $OUT/run.png"
