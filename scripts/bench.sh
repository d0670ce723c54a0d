#!/usr/bin/env bash
# Runs the Chorus benchmark suite (issues 10 and 22) and writes its tables into BENCHMARKS.md.
# P2 runs over three paths: plain http, TLS h1 (chorus sim --tls) and TLS h2 (nginx in front of it).
# Not part of the test command. Usage: scripts/bench.sh [--quick] [--only P1,P3,overhead] [--clients chorus,langchain4j]
#   --quick   smaller N where the issue allows, the 1-minute rate-limit variant only, shorter JMH
# Env: CHORUS_BENCH_BUILD=module  build only chorus-bench against the snapshots already installed
#      CHORUS_BENCH_JMH=0         skip the JMH run
# Every client is its own process against one simulator process (127.0.0.1 only). Full size takes
# about 45 minutes on 2 cores; --quick about 15.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=0
for a in "$@"; do [[ "$a" == "--quick" ]] && QUICK=1; done

echo "bench: building chorus-bench and what it needs"
if [[ "${CHORUS_BENCH_BUILD:-all}" == "module" ]]; then
  ./mvnw -q -pl chorus-bench install -DskipTests
else
  ./mvnw -q -pl chorus-bench -am install -DskipTests
fi
./mvnw -q -pl chorus-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
WORK="$ROOT/chorus-bench/target/bench-run"
mkdir -p "$WORK"
# a private copy of the classes, so that a rebuild during a long run does not change what is measured
rm -rf "$WORK/classes" && cp -r chorus-bench/target/classes "$WORK/classes"
CP="$WORK/classes:$(cat chorus-bench/target/classpath.txt)"

echo "bench: installing the Node peers (pinned versions) into .bench/node"
mkdir -p .bench/node
printf '*\n' > .bench/.gitignore
cp chorus-bench/src/main/node/package.json chorus-bench/src/main/node/peer-sdk.mjs .bench/node/
(cd .bench/node && npm install --no-audit --no-fund --loglevel=error >/dev/null)

# the TLS h2 rows put nginx (TLS + h2 by ALPN) in front of the plain simulator, which speaks HTTP/1.1 only
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bench: installing nginx-light for the TLS h2 rows"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1 \
      || echo "bench: could not install nginx: the TLS h2 rows will be skipped"
  else
    echo "bench: no nginx: the TLS h2 rows will be skipped (install nginx-light)"
  fi
fi

. .mvn/find-jdk.sh   # the JDK >= 21 that ./mvnw and ./chorus use
JAVA_BIN="$JAVA_HOME/bin/java"
JMH_ARGS=()
if [[ "${CHORUS_BENCH_JMH:-1}" != "0" ]]; then
  echo "bench: JMH engine overhead"
  if [[ $QUICK == 1 ]]; then JMH_OPTS=(-f 1 -wi 2 -w 2s -i 3 -r 2s); else JMH_OPTS=(-f 1 -wi 5 -w 3s -i 10 -r 3s); fi
  "$JAVA_BIN" -cp "$CP" org.openjdk.jmh.Main EngineOverheadBenchmark "${JMH_OPTS[@]}" -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log" 2>&1 \
    && JMH_ARGS=(--jmh "$WORK/jmh.json") || echo "bench: JMH failed, see $WORK/jmh.log"
fi
echo "bench: scenarios"
exec "$JAVA_BIN" -Xmx512m -cp "$CP" io.chorus.bench.PeerBench "$@" --node-dir "$ROOT/.bench/node" --work "$WORK" \
  --out "$ROOT/BENCHMARKS.md" --command "scripts/bench.sh${*:+ $*}" "${JMH_ARGS[@]}"
