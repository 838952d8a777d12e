#!/usr/bin/env bash
# Runs the fan-out scenarios against whatever proxy listens on 127.0.0.1:7999 (clients) and
# 127.0.0.1:5561 (HTTP publish), and writes one JSON report per scenario (plus .hgrm percentile files)
# under bench/results/<proxy-name>/.
#
#   bench/scenarios.sh <proxy-name> [scenario ...]
#
# Scenarios (default: a b c d e):
#   a    5,000 SSE subscribers on one channel, 50 messages at 10/s
#   b    5,000 WebSocket subscribers on one channel, 50 messages at 10/s
#   c    19,500 idle SSE connections: proxy memory per connection
#   d    1,000 channels x 10 SSE subscribers, 2,000 messages at 200/s
#   e    1,000 SSE subscribers on one channel, publishing flat out for 10 s: deliveries per second
#   a2 e2  a and e again with the load tool's side doubled (2 subscriber event loops instead of 1)
#
# The proxy must route * to the bench origin with over_http (routes line: * 127.0.0.1:8090,over_http);
# this script starts that origin on ORIGIN_PORT. Environment:
#   PROXY_PIDS   comma-separated PIDs of the proxy's processes, for RSS and CPU (found by name for
#                pushpin: condure, pushpin-proxy, pushpin-handler, zurl; for tack: java ... tack)
#   JAR          the load tool (default bench/target/tack-bench.jar; build: mvn -q -pl bench -am package -DskipTests)
#   JAVA_OPTS    JVM options for the load tool (default: -Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled)
#   ORIGIN_PORT  default 8090
#   CONNECT_RATE new connections per second (default 200; Pushpin answers some WebSocket handshakes
#                with 502 at 500/s on a busy 2-core box)
#   BEFORE_EACH  a command run before each scenario, e.g. bench/pushpin/restart.sh to measure every
#                scenario on a fresh proxy (Pushpin keeps its RSS after connections close)
#   NICE         when set (e.g. -10), run every thread of the proxy's processes, the origin and the load
#                tool at this nice level, so other work on a shared box disturbs the measurement less
#                (root only)
#   RESULTS      output directory (default bench/results/<proxy-name>)
set -euo pipefail

if [ $# -lt 1 ]; then
  sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
name=$1
shift
scenarios=${*:-a b c d e}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/bench/target/tack-bench.jar}
results=${RESULTS:-$root/bench/results/$name}
origin_port=${ORIGIN_PORT:-8090}
connect_rate=${CONNECT_RATE:-200}
nice_cmd=()
if [ -n "${NICE:-}" ]; then
  nice_cmd=(nice -n "$NICE")
fi
java_opts=${JAVA_OPTS:--Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled}

if [ ! -f "$jar" ]; then
  echo "scenarios: $jar is missing (expected: build it with: mvn -q -pl bench -am package -DskipTests)" >&2
  exit 2
fi

# The proxy's PIDs: PROXY_PIDS, or found by name.
find_pids() {
  pid_args=()
  local pids=${PROXY_PIDS:-}
  if [ -z "$pids" ]; then
    case "$name" in
      pushpin*) pids=$(pgrep -d, -x 'condure|pushpin-proxy|pushpin-handler|zurl' || true) ;;
      tack*) pids=$(pgrep -d, -f 'java.*tack-proxy|java.*dev\.tack\.proxy|java.*proxy/target/tack\.jar' || true) ;;
    esac
  fi
  if [ -n "$pids" ]; then
    pid_args=(--proxy-pid "$pids")
    if [ -n "${NICE:-}" ]; then
      # renice -p changes one thread; every thread of the proxy must get the same priority as the tool.
      for pid in ${pids//,/ }; do
        renice -n "$NICE" -p $(ls "/proc/$pid/task") >/dev/null
      done
    fi
  else
    echo "scenarios: no proxy PIDs (set PROXY_PIDS); RSS and proxy CPU will be missing" >&2
  fi
}

# Runs the hook, checks the proxy listens, and warms it up with a small unrecorded run: the first
# requests after a proxy starts can fail while its internal sockets connect (Pushpin answers some with
# 502), which is not what the scenarios measure.
prepare() {
  if [ -n "${BEFORE_EACH:-}" ]; then
    eval "$BEFORE_EACH"
    sleep 1
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/7999) 2>/dev/null; then
    echo "scenarios: nothing listens on 127.0.0.1:7999 (expected: the proxy under test)" >&2
    exit 2
  fi
  find_pids
  load 120 -n 200 -c 4 -t ws,sse,stream,poll -m 20 -r 20 --progress 0 >/dev/null
}

# Each connection is a file descriptor on both sides; 19,500 needs the limit raised.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt 19700 ]; then
  echo "scenarios: ulimit -n is $(ulimit -n) (expected: at least 19700 for scenario c)" >&2
fi

mkdir -p "$results"
origin_log=$(mktemp)
# shellcheck disable=SC2086
"${nice_cmd[@]}" java $java_opts -jar "$jar" origin --port "$origin_port" >"$origin_log" 2>&1 &
origin_pid=$!
trap 'kill $origin_pid 2>/dev/null; wait $origin_pid 2>/dev/null; rm -f "$origin_log"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening" "$origin_log" && break
  sleep 0.1
done
grep -q "listening" "$origin_log" || { cat "$origin_log" >&2; exit 1; }

load() {
  local limit=$1
  shift
  # shellcheck disable=SC2086
  timeout "$limit" "${nice_cmd[@]}" java $java_opts -jar "$jar" load --no-origin "${pid_args[@]}" --connect-rate "$connect_rate" \
    --progress 5s "$@" || echo "scenarios: load exited with status $? (its report may be missing)" >&2
  sleep 5 # let the proxy finish closing the previous run's connections
}

for s in $scenarios; do
  echo "== scenario $s ($name)"
  prepare
  case "$s" in
    a)  load 300 --label a-sse-5k -n 5000 -c 1 -t sse -m 50 -r 10 --out "$results/a.json" ;;
    b)  load 300 --label b-ws-5k -n 5000 -c 1 -t ws -m 50 -r 10 --out "$results/b.json" ;;
    c)  load 300 --label c-idle-sse-19500 -n 19500 -c 1 -t sse -m 0 --source-ips 2 --out "$results/c.json" ;;
    d)  load 300 --label d-1000ch-x10-sse -n 10000 -c 1000 -t sse -m 2000 -r 200 --source-ips 2 \
          --out "$results/d.json" ;;
    e)  load 300 --label e-flat-out-1k-sse -n 1000 -c 1 -t sse -d 10s --drain-max 30s --out "$results/e.json" ;;
    a2) load 300 --label a-sse-5k-threads2 -n 5000 -c 1 -t sse -m 50 -r 10 --threads 2 --out "$results/a2.json" ;;
    e2) load 300 --label e-flat-out-1k-sse-threads2 -n 1000 -c 1 -t sse -d 10s --drain-max 30s --threads 2 \
          --out "$results/e2.json" ;;
    *)  echo "scenarios: unknown scenario '$s' (expected: a b c d e a2 e2)" >&2; exit 2 ;;
  esac
done
echo "results in $results"
