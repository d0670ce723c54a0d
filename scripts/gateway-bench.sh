#!/usr/bin/env bash
# The gateway benchmarks of issue 19, written into BENCHMARKS.md. Not part of the test command.
#   scripts/gateway-bench.sh                 chorus serve and the Portkey gateway side by side in front of one
#                                            `chorus sim`, and the simulator called directly: added latency p50/p99
#                                            and CPU per request at 500 and 2,000 requests/s, plain and streamed
#                                            (about 5 minutes)
#   scripts/gateway-bench.sh --streams 10000 that many concurrent ~10 s streams through chorus serve under
#                                            -Xmx512m: completed, failed, peak heap, RSS and threads (about 1 minute)
# Options: --seconds S (measured per cell, default 10), --rates 500,2000, --modes plain,stream,
#          --gateway-xmx 512m, --peers portkey|none
# Env: CHORUS_BENCH_BUILD=none  use the classes already built (default: build chorus-cli and chorus-bench)
#
# Nothing leaves the machine: after building and installing (which need Maven Central and npm), the script
# re-runs itself in a private network namespace (`unshare --net`, root) whose only interface is loopback, so
# the simulator, both gateways and the load generator can reach 127.0.0.1 and nothing else; where that is not
# possible it says so and runs on the host (every process is still told 127.0.0.1 only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/chorus-bench/target/gateway-bench"
STREAMS=0
SECONDS_PER_CELL=10
RATES=500,2000
MODES=plain,stream
XMX=512m
PEERS=portkey
ARGS=("$@")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --streams) STREAMS=$2; shift 2 ;;
    --seconds) SECONDS_PER_CELL=$2; shift 2 ;;
    --rates) RATES=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    --gateway-xmx) XMX=$2; shift 2 ;;
    --peers) PEERS=$2; shift 2 ;;
    *) echo "gateway-bench: unknown option '$1'" >&2; exit 2 ;;
  esac
done
COMMAND="scripts/gateway-bench.sh${ARGS[*]:+ ${ARGS[*]}}"
. .mvn/find-jdk.sh
JAVA_BIN="$JAVA_HOME/bin/java"

if [[ -z "${GATEWAY_BENCH_NET:-}" ]]; then
  mkdir -p "$WORK"
  if [[ "${CHORUS_BENCH_BUILD:-all}" != "none" ]]; then
    echo "gateway-bench: building chorus-cli and chorus-bench"
    ./mvnw -q -pl chorus-cli,chorus-bench -am install -DskipTests -Djacoco.skip -Dmdep.analyze.skip
  fi
  ./mvnw -q -o -pl chorus-bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  if [[ $STREAMS == 0 && $PEERS == portkey ]]; then
    echo "gateway-bench: installing the Portkey gateway (pinned) into .bench/portkey"
    mkdir -p .bench/portkey
    printf '*\n' > .bench/.gitignore
    cp chorus-bench/src/main/node/portkey/package.json .bench/portkey/
    (cd .bench/portkey && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [[ $(id -u) == 0 ]] && command -v unshare >/dev/null && unshare --net true 2>/dev/null; then
    exec unshare --net env GATEWAY_BENCH_NET=private "$0" "${ARGS[@]}"
  fi
  echo "gateway-bench: WARNING: no private network namespace (needs root and unshare); running on the host network"
  export GATEWAY_BENCH_NET=host
fi

if [[ $GATEWAY_BENCH_NET == private ]]; then
  ip link set lo up
  NET="network: a private network namespace whose only interface is loopback (\`unshare --net\`): no process of the run could reach any other host"
else
  NET="network: the host's (no private namespace could be made); every process was pointed at 127.0.0.1 only"
fi
# every stream holds a client and an upstream socket in the gateway: N streams need 2N descriptors there
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
ASKED=$STREAMS
FD_NOTE="file descriptors: ulimit -n $(ulimit -n)"
if (( STREAMS > 0 && 2 * STREAMS + 300 > $(ulimit -n) )); then
  STREAMS=$(( ($(ulimit -n) - 300) / 2 ))
  FD_NOTE="$FD_NOTE, which cannot be raised here: $ASKED streams need $((2 * ASKED)) sockets in the gateway (one to the client, one upstream each) plus its own files, so $STREAMS ran"
  echo "gateway-bench: $FD_NOTE"
fi

CLI_CP="$ROOT/chorus-cli/target/chorus-cli-0.1.0-SNAPSHOT.jar:$ROOT/chorus-cli/target/lib/*"
BENCH_CP="$ROOT/chorus-bench/target/classes:$(cat "$ROOT/chorus-bench/target/classpath.txt")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# waits for "listening on http://127.0.0.1:PORT" in a log; prints PORT
await_port() {
  local log=$1 pid=$2
  for _ in $(seq 1 600); do
    if grep -q '^listening on ' "$log" 2>/dev/null; then
      sed -n 's#^listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$log" | head -n 1
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "gateway-bench: process exited, log above" >&2; exit 1; }
    sleep 0.1
  done
  echo "gateway-bench: no 'listening on' in $log after 60 s" >&2
  exit 1
}

SIMCFG="$WORK/sim.yaml"
if [[ $STREAMS == 0 ]]; then
  echo 'defaultModel: {ttft: 0ms, tokensPerSecond: 0}' > "$SIMCFG"
else
  # first token after 1 s, then 5 tokens/s: a 50-token answer streams for about 10 s
  echo 'defaultModel: {ttft: 1000ms, tokensPerSecond: 5}' > "$SIMCFG"
fi
"$JAVA_BIN" -Xmx1g -cp "$CLI_CP" io.chorus.cli.Main sim --port 0 --sim-config "$SIMCFG" > "$WORK/sim.log" 2>&1 &
SIM_PID=$!; PIDS+=("$SIM_PID")
SIM_PORT=$(await_port "$WORK/sim.log" "$SIM_PID")
SIM="http://127.0.0.1:$SIM_PORT"

mkdir -p "$WORK/serve"
# the engine's default bulkhead is 64 calls in flight per provider; a gateway for many clients lifts it
printf 'providers:\n  openai: {limits: {concurrency: 20000}}\n' > "$WORK/serve/chorus.yaml"
GC_LOG="$WORK/gateway-gc.log"
(cd "$WORK/serve" && exec env OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="$SIM/v1" \
  ANTHROPIC_API_KEY=sk-bench ANTHROPIC_BASE_URL="$SIM" XAI_API_KEY=sk-bench XAI_BASE_URL="$SIM/v1" \
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -Xmx"$XMX" -Xlog:gc:file="$GC_LOG" -cp "$CLI_CP" \
  io.chorus.cli.Main serve --port 0 --config chorus.yaml) > "$WORK/serve.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
GW_PORT=$(await_port "$WORK/serve.log" "$GW_PID")
JAVA_VERSION=$("$JAVA_BIN" -version 2>&1 | head -n 1)

if [[ $STREAMS != 0 ]]; then
  echo "gateway-bench: $STREAMS concurrent streams through chorus serve (-Xmx$XMX)"
  "$JAVA_BIN" -Xmx2g -cp "$BENCH_CP" io.chorus.bench.GatewayLoad \
    --streams "$STREAMS" --url "http://127.0.0.1:$GW_PORT/v1/chat/completions" --ramp-rate 2000 --tokens 50 \
    --pid "$GW_PID" --gc-log "$GC_LOG" --xmx "$XMX" --out "$ROOT/BENCHMARKS.md" --command "$COMMAND" \
    --facts "$NET|gateway: \`chorus serve\` ($JAVA_VERSION, -Xmx$XMX), simulator: first token after 1 s, 5 tokens/s, 50 tokens per answer; providers.openai.limits.concurrency 20000 (the default bulkhead, 64 in flight per provider, would queue all but 64)|$FD_NOTE"
  exit $?
fi

TARGETS=(--target "direct=$SIM/v1/chat/completions,$SIM_PID,authorization:Bearer sk-bench"
         --target "chorus=http://127.0.0.1:$GW_PORT/v1/chat/completions,$GW_PID,")
FACTS="$NET|chorus: \`chorus serve\` ($JAVA_VERSION, -Xmx$XMX), openai provider at the simulator with limits.concurrency 20000 (as for the streams check); no virtual keys, access log off (the defaults)"
if [[ $PEERS == portkey ]]; then
  PK_PORT=18787
  PK_DIR="$ROOT/.bench/portkey"
  (cd "$PK_DIR" && exec env NODE_ENV=production node node_modules/@portkey-ai/gateway/build/start-server.js \
    --port=$PK_PORT --headless) > "$WORK/portkey.log" 2>&1 &
  PK_PID=$!; PIDS+=("$PK_PID")
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PK_PORT/" >/dev/null 2>&1 && break
    kill -0 "$PK_PID" 2>/dev/null || { cat "$WORK/portkey.log" >&2; exit 1; }
    sleep 0.1
  done
  PK_VERSION=$(node -p "require('$PK_DIR/node_modules/@portkey-ai/gateway/package.json').version")
  HONO_VERSION=$(node -p "require('$PK_DIR/node_modules/@hono/node-server/package.json').version")
  TARGETS+=(--target "portkey=http://127.0.0.1:$PK_PORT/v1/chat/completions,$PK_PID,authorization:Bearer sk-bench;x-portkey-provider:openai;x-portkey-custom-host:$SIM/v1")
  FACTS="$FACTS|portkey: \`@portkey-ai/gateway\` $PK_VERSION on Node $(node --version), NODE_ENV=production, --headless, provider openai with x-portkey-custom-host at the simulator (@hono/node-server $HONO_VERSION: see chorus-bench/src/main/node/portkey/package.json)|LiteLLM, the other peer the issue names, is not measured: it installs from PyPI, which this machine cannot reach"
fi
echo "gateway-bench: simulator $SIM, chorus serve :$GW_PORT${PK_PORT:+, portkey :$PK_PORT}; $NET"
"$JAVA_BIN" -Xmx1g -cp "$BENCH_CP" io.chorus.bench.GatewayLoad "${TARGETS[@]}" --sim-pid "$SIM_PID" \
  --rates "$RATES" --modes "$MODES" --seconds "$SECONDS_PER_CELL" --warmup 3 \
  --out "$ROOT/BENCHMARKS.md" --command "$COMMAND" --facts "$FACTS"
