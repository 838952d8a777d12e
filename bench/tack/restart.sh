#!/usr/bin/env bash
# (Re)starts Tack for the bench scenarios: proxy/target/tack.jar with config/tack.conf, every route sent to the
# bench origin on 127.0.0.1:8090 (WebSockets as WebSocket-over-HTTP). Usage: bench/tack/restart.sh [start|stop]
# Environment: TACK_JAVA_OPTS (JVM options for Tack; default: the parallel collector with a heap kept close to
# its live size, which suits a small box holding many mostly idle connections), TACK_LOG (default
# /tmp/tack-bench.log).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
log=${TACK_LOG:-/tmp/tack-bench.log}
opts=${TACK_JAVA_OPTS:--XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}

pkill -f 'java.*proxy/target/tack.jar' 2>/dev/null || true
for _ in $(seq 1 50); do
  pgrep -f 'java.*proxy/target/tack.jar' >/dev/null || break
  sleep 0.1
done
[ "${1:-start}" = stop ] && exit 0

ulimit -n 20000
# shellcheck disable=SC2086
nohup java $opts -jar "$root/proxy/target/tack.jar" --config "$root/config/tack.conf" \
    --route '* 127.0.0.1:8090,over_http' > "$log" 2>&1 &
for _ in $(seq 1 100); do
  grep -q ' started$' "$log" 2>/dev/null && exit 0
  sleep 0.1
done
echo "restart.sh: Tack did not start; see $log" >&2
exit 1
