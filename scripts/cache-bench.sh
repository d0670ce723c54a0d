#!/usr/bin/env bash
# Cache-aware fan-out on the simulator's prompt-cache accounting (issue 18): five voters, five
# sections and a three-participant deliberation over a shared 10,000-token context, each run naive
# (--no-cache-prefix's PrefixCaching.OFF) and cache-aware, alternately, in one process; the ratios of
# input cost and makespan go into BENCHMARKS.md between the cache-fanout markers. 127.0.0.1 only.
# Usage: scripts/cache-bench.sh [--runs N]   (default 3; about two minutes on 2 idle cores)
# Env: CHORUS_BENCH_BUILD=module  build only chorus-bench against the snapshots already installed
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
echo "cache-bench: building chorus-bench and what it needs" >&2
if [[ "${CHORUS_BENCH_BUILD:-all}" == "module" ]]; then
  ./mvnw -q -o -pl chorus-bench install -DskipTests
else
  ./mvnw -q -o -pl chorus-bench -am install -DskipTests
fi
./mvnw -q -o -pl chorus-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="chorus-bench/target/classes:$(cat chorus-bench/target/classpath.txt)"
. .mvn/find-jdk.sh
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" io.chorus.bench.CacheFanOut "$@" \
  --out "$ROOT/BENCHMARKS.md" --command "scripts/cache-bench.sh${*:+ $*}"
