#!/usr/bin/env bash
# (Re)starts Pushpin (the Debian package, 1.36) and zurl for the bench scenarios, or stops them.
#
#   bench/pushpin/restart.sh [start|stop|pids] [dir]     (default: start, /tmp/tack-bench-pushpin)
#
# The config is Debian's /etc/pushpin/pushpin.conf with: run and log directories under <dir>; routes
# "* 127.0.0.1:$ORIGIN_PORT,over_http" (the bench origin, default 8090); client port PROXY_PORT (default
# 7999), HTTP publish port PUBLISH_PORT (default 5561) and the ZeroMQ tcp ports moved along with it
# (PUBLISH_PORT-1, +1, +2); message_hwm raised to 1,000,000; and
# message_rate left unset, which means unlimited. Any message_rate, however high, makes Pushpin 1.36 hold
# every delivery while publishes arrive less than 25 ms apart (its rate limiter restarts a 25 ms batch
# timer on each publish), so a "raised" rate would throttle harder than the default. Pushpin's runner
# does not start zurl, which makes its requests to the origin, so this script does. MESSAGE_RATE=<n> sets
# message_rate anyway (to show that stall). "pids" prints the PIDs of pushpin's processes (condure,
# pushpin-proxy, pushpin-handler) and zurl started here, comma-separated.
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/tack-bench-pushpin}
origin_port=${ORIGIN_PORT:-8090}
proxy_port=${PROXY_PORT:-7999}
publish_port=${PUBLISH_PORT:-5561}

pids() {
  local out=()
  if [ -f "$dir/pushpin.pid" ]; then
    # shellcheck disable=SC2207
    out+=($(pgrep -P "$(cat "$dir/pushpin.pid")" || true))
  fi
  [ -f "$dir/zurl.pid" ] && out+=("$(cat "$dir/zurl.pid")")
  local IFS=,
  echo "${out[*]}"
}

# shellcheck source=../lib.sh
. "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"

# zurl busy with thousands of WebSocket-over-HTTP DISCONNECT requests can ignore SIGTERM: stop_pid follows
# up with SIGKILL, for the runner's children too.
stop() {
  for name in pushpin zurl; do
    stop_pidfile "$dir/$name.pid"
  done
}

start() {
  mkdir -p "$dir/run" "$dir/log" /var/run/zurl
  local rate_line='#message_rate= (unset = unlimited)'
  if [ -n "${MESSAGE_RATE:-}" ]; then
    rate_line="message_rate=$MESSAGE_RATE"
  fi
  sed -e "s#^rundir=.*#rundir=$dir/run#" \
      -e "s#^logdir=.*#logdir=$dir/log#" \
      -e "s#^routesfile=.*#routesfile=$dir/routes#" \
      -e "s|^message_rate=.*|$rate_line|" \
      -e "s#^message_hwm=.*#message_hwm=1000000#" \
      -e "s#^http_port=.*#http_port=$proxy_port#" \
      -e "s#^push_in_http_port=.*#push_in_http_port=$publish_port#" \
      -e "s#tcp://127.0.0.1:5560#tcp://127.0.0.1:$((publish_port - 1))#" \
      -e "s#tcp://127.0.0.1:5562#tcp://127.0.0.1:$((publish_port + 1))#" \
      -e "s#tcp://127.0.0.1:5563#tcp://127.0.0.1:$((publish_port + 2))#" \
      /etc/pushpin/pushpin.conf >"$dir/pushpin.conf"
  echo "* 127.0.0.1:$origin_port,over_http" >"$dir/routes"
  ulimit -n "$(ulimit -Hn)"
  zurl --config=/etc/zurl.conf >"$dir/log/zurl.out" 2>&1 &
  echo $! >"$dir/zurl.pid"
  pushpin --config="$dir/pushpin.conf" >"$dir/log/pushpin.out" 2>&1 &
  echo $! >"$dir/pushpin.pid"
  for _ in $(seq 1 100); do
    grep -q "started" "$dir/log/pushpin.out" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "started" "$dir/log/pushpin.out" || { cat "$dir/log/pushpin.out" >&2; exit 1; }
  echo "pushpin $(pushpin --version | cut -d' ' -f2) started in $dir (processes: $(pids))"
}

run_action "$action"
