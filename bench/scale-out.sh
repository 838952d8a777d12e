#!/usr/bin/env bash
# Scale-out run: N Tack processes on one engine (Redis or NATS, started here on a free loopback port with
# persistence off), one load process per Tack process holding its share of SSE subscribers on ONE channel,
# and 50 messages published at 10/s to the first Tack process only. Every other process receives them through
# the engine. Reports latency percentiles over every delivery, deliveries and losses, and the Tack processes'
# memory per connection (RSS summed over all of them). With engine "local" and one process it is the
# single-process baseline.
#
#   bench/scale-out.sh <redis|nats|local> [processes] [subscribers-per-process]
#
# Defaults: 4 processes x 15,000 subscribers (60,000 connections); local: 1 x 15,000. Each process, Tack's or
# the load tool's, stays under the 20,000 file descriptors one process may hold here. Ports: Tack process i runs
# with --id i on BASE_PORT + 10*i (clients) and PUBLISH_PORT + 10*i (publish API); nothing else it would open
# (ZeroMQ, metrics) is on. Environment:
#   JAR            the load tool (default bench/target/tack-bench.jar); TACK_JAR (default proxy/target/tack.jar)
#   BASE_PORT      default 17999;  PUBLISH_PORT default 15561;  ORIGIN_PORT default 18090
#   CONNECT_RATE   new connections per second per load process (default 500)
#   TACK_JAVA_OPTS JVM options of each Tack process (default: parallel GC, heap kept close to its live size)
#   LOAD_JAVA_OPTS JVM options of each load process (default: -Xms512m -Xmx1g)
#   RESULTS        where the reports go (default bench/results/scale-out)
set -euo pipefail

engine=${1:-}
case "$engine" in
  redis|nats) default_nodes=4 ;;
  local) default_nodes=1 ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
nodes=${2:-$default_nodes}
per=${3:-15000}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/bench/target/tack-bench.jar}
tack_jar=${TACK_JAR:-$root/proxy/target/tack.jar}
base_port=${BASE_PORT:-17999}
publish_port=${PUBLISH_PORT:-15561}
origin_port=${ORIGIN_PORT:-18090}
connect_rate=${CONNECT_RATE:-500}
tack_opts=${TACK_JAVA_OPTS:--XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xmx2g}
load_opts=${LOAD_JAVA_OPTS:--Xms512m -Xmx1g -Dio.netty.leakDetection.level=disabled}
results=${RESULTS:-$root/bench/results/scale-out}
label="$engine-${nodes}x${per}"
work=$(mktemp -d)
pids=()

for f in "$jar" "$tack_jar"; do
  [ -f "$f" ] || { echo "scale-out: $f is missing (build: mvn -q -pl proxy,bench -am package -DskipTests)" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt $((per + 500)) ]; then
  echo "scale-out: ulimit -n is $(ulimit -n) (expected: at least $((per + 500)) per process)" >&2
  exit 2
fi

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # file pattern [seconds]
  for _ in $(seq 1 $((${3:-30} * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "scale-out: '$2' did not appear in $1:" >&2; tail -20 "$1" >&2; exit 1
}
rss_kb() { # the summed VmRSS of the given pids
  local total=0
  for pid in "$@"; do total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status"))); done
  echo "$total"
}

# The engine.
engine_url=""
if [ "$engine" = redis ]; then
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --protected-mode no \
      > "$work/engine.log" 2>&1 &
  pids+=($!)
  engine_url="redis://127.0.0.1:$port"
  wait_for "$work/engine.log" "Ready to accept connections"
elif [ "$engine" = nats ]; then
  port=$(free_port)
  nats-server -a 127.0.0.1 -p "$port" > "$work/engine.log" 2>&1 &
  pids+=($!)
  engine_url="nats://127.0.0.1:$port"
  wait_for "$work/engine.log" "Server is ready"
fi

# The bench origin.
# shellcheck disable=SC2086
java $load_opts -jar "$jar" origin --port "$origin_port" > "$work/origin.log" 2>&1 &
pids+=($!)
wait_for "$work/origin.log" "listening"

# The Tack processes: one config, --id i shifts every port by 10*i.
cat > "$work/tack.conf" <<EOF
[runner]
http_port=$base_port
[handler]
push_in_http_port=$publish_port
push_in_spec=
push_in_sub_specs=
command_spec=
[tack]
engine=${engine_url:-local}
EOF
tack_pids=()
for i in $(seq 0 $((nodes - 1))); do
  # shellcheck disable=SC2086
  java $tack_opts -jar "$tack_jar" --config "$work/tack.conf" --id "$i" \
      --route "* 127.0.0.1:$origin_port,over_http" > "$work/tack-$i.log" 2>&1 &
  pids+=($!)
  tack_pids+=($!)
done
for i in $(seq 0 $((nodes - 1))); do wait_for "$work/tack-$i.log" " started$" 60; done
sleep 2
rss_before=$(rss_kb "${tack_pids[@]}")
load_start=$(cut -d' ' -f1 /proc/loadavg)

# The load processes: one per Tack process, the first also probes and publishes to Tack process 0.
prefix="scale-$(date +%s)-"
others=()
for i in $(seq 1 $((nodes - 1))); do others+=("$work/ready-$i"); done
wait_list=$(IFS=,; echo "${others[*]:-}")
listen_pids=()
for i in $(seq 0 $((nodes - 1))); do
  args=(listen --url "http://127.0.0.1:$((base_port + 10 * i))" -n "$per" --channel-prefix "$prefix"
        --connect-rate "$connect_rate" --ready-file "$work/ready-$i" --out "$work/listen-$i.json"
        --drain-seconds 20 --max-wait-seconds 600)
  if [ "$i" = 0 ]; then
    args+=(--publish-url "http://127.0.0.1:$publish_port/publish/" -m 50 -r 10)
    [ -n "$wait_list" ] && args+=(--wait-for "$wait_list")
  fi
  # shellcheck disable=SC2086
  java $load_opts -jar "$jar" "${args[@]}" > "$work/listen-$i.log" 2>&1 &
  pids+=($!)
  listen_pids+=($!)
done
for i in $(seq 0 $((nodes - 1))); do
  for _ in $(seq 1 6000); do [ -f "$work/ready-$i" ] && break; sleep 0.1; done
done
rss_connected=$(rss_kb "${tack_pids[@]}")
for pid in "${listen_pids[@]}"; do wait "$pid" || echo "scale-out: a load process exited with $?" >&2; done
load_end=$(cut -d' ' -f1 /proc/loadavg)

mkdir -p "$results"
reports=()
for i in $(seq 0 $((nodes - 1))); do
  cp "$work/listen-$i.json" "$results/$label.listen-$i.json"
  reports+=("$results/$label.listen-$i.json")
done
grep -h -E 'engine|started' "$work"/tack-*.log | head -20 > "$results/$label.tack.log" || true
java -jar "$jar" summarize --label "$label" --nodes "$nodes" --rss-before "$rss_before" \
    --rss-connected "$rss_connected" --load "$load_start / $load_end" --out "$results/$label.json" "${reports[@]}"
