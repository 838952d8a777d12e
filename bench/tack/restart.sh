#!/usr/bin/env bash
# (Re)starts Tack for the bench scenarios, or stops it, or prints its PID.
#
#   bench/tack/restart.sh [start|stop|pids] [dir]     (default: start, /tmp/tack-bench-tack)
#
# Runs proxy/target/tack.jar (build: mvn -q -DskipTests package) with a copy of config/tack.conf written to
# <dir>/tack.conf whose ports are PROXY_PORT (clients, default 7999), PUBLISH_PORT (HTTP publish, default
# 5561) and PUBLISH_PORT-1, +1, +2 for the ZeroMQ sockets (5560, 5562, 5563 by default), and every route sent
# to the bench origin on 127.0.0.1:ORIGIN_PORT (default 8090) with WebSockets as WebSocket-over-HTTP, and the
# metrics listener moved with the client port (PROMETHEUS_PORT, so two runs on one box do not collide). The
# PID is kept in <dir>/tack.pid, so only the Tack started here is ever stopped.
# Environment: TACK_JAVA_OPTS (JVM options for Tack; default: bin/tack's, the serial collector with a small
# fixed young generation and a heap kept close to its live size), TACK_LOG (default
# <dir>/tack.log), PROMETHEUS_PORT (metrics and status page; default PROXY_PORT-1), TACK_HISTORY_CHANNELS (when
# set, replaces [tack] history_channels, e.g. 'bench-*' for the load tool's channels; empty turns history off).
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/tack-bench-tack}
root=$(cd "$(dirname "$0")/../.." && pwd)
proxy_port=${PROXY_PORT:-7999}
publish_port=${PUBLISH_PORT:-5561}
origin_port=${ORIGIN_PORT:-8090}
log=${TACK_LOG:-$dir/tack.log}
opts=${TACK_JAVA_OPTS:--XX:+UseSerialGC -Xmn64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}
pidfile=$dir/tack.pid

# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

stop() {
  stop_pidfile "$pidfile"
}

pids() {
  [ -s "$pidfile" ] && cat "$pidfile" || true
}

start() {
  local jar=$root/proxy/target/tack.jar
  [ -f "$jar" ] || { echo "restart.sh: $jar is missing (expected: build it with mvn -q -DskipTests package)" >&2; exit 2; }
  mkdir -p "$dir"
  sed -e "s#^http_port=.*#http_port=$proxy_port#" \
      -e "s#^push_in_http_port=.*#push_in_http_port=$publish_port#" \
      -e "s#tcp://127.0.0.1:5560#tcp://127.0.0.1:$((publish_port - 1))#" \
      -e "s#tcp://127.0.0.1:5562#tcp://127.0.0.1:$((publish_port + 1))#" \
      -e "s#tcp://127.0.0.1:5563#tcp://127.0.0.1:$((publish_port + 2))#" \
      -e "s#^prometheus_port=.*#prometheus_port=${PROMETHEUS_PORT:-$((proxy_port - 1))}#" \
      "$root/config/tack.conf" >"$dir/tack.conf"
  if [ -n "${TACK_HISTORY_CHANNELS+set}" ]; then
    sed -i "s#^history_channels=.*#history_channels=$TACK_HISTORY_CHANNELS#" "$dir/tack.conf"
  fi
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 20000
  # shellcheck disable=SC2086
  nohup java $opts -jar "$jar" --config "$dir/tack.conf" --route "* 127.0.0.1:$origin_port,over_http" \
      >"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    grep -q ' started$' "$log" 2>/dev/null && { echo "tack started in $dir (pid $(cat "$pidfile"), port $proxy_port)"; return 0; }
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 0.1
  done
  echo "restart.sh: Tack did not start; see $log" >&2
  exit 1
}

run_action "$action"
