#!/usr/bin/env bash
# (Re)starts the C reference server (limit-server) for the bench scenarios, or stops it, or prints its PID.
#
#   bench/cref/restart.sh [start|stop|pids] [dir]     (default: start, /tmp/tack-bench-cref)
#
# The C reference is a single-process epoll server that holds SSE and WebSocket subscribers on any
# GET <path>/<channel> and, for Pushpin's publish JSON, does one write() per subscriber: what one process
# costs at the least on this machine. Its source is not part of this repository: it is read from
# LIMIT_SERVER_DIR (no default: the directory holding limit-server.c), compiled into <dir> and
# run there on 127.0.0.1:PROXY_PORT (default 7999) for subscribers and PUBLISH_PORT (default 5561) for
# POST /publish/. Exit status 3 when the source is absent (bench/scenarios.sh then skips this target).
# Environment: LIMIT_SERVER_DIR, CC (default gcc).
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/tack-bench-cref}
root=$(cd "$(dirname "$0")/../.." && pwd)
src=${LIMIT_SERVER_DIR:-}
proxy_port=${PROXY_PORT:-7999}
publish_port=${PUBLISH_PORT:-5561}
pidfile=$dir/limit-server.pid

# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

stop() {
  stop_pidfile "$pidfile"
}

pids() {
  [ -s "$pidfile" ] && cat "$pidfile" || true
}

start() {
  if [ ! -f "$src/limit-server.c" ]; then
    echo "restart.sh: the C reference's source is not at $src (set LIMIT_SERVER_DIR to the limit-server directory)" >&2
    exit 3
  fi
  mkdir -p "$dir"
  local bin=$dir/limit-server
  if [ ! -x "$bin" ] || [ -n "$(find "$src" -newer "$bin" -name '*.[ch]' -print -quit)" ]; then
    # Built here, not in its own directory, which may be read-only; the flags are its Makefile's.
    "${CC:-gcc}" -O2 -Wall -Wextra -Wno-unused-parameter -Wno-unused-function -std=gnu11 -I"$src" \
        -o "$bin" "$src/limit-server.c" -lm
  fi
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 20000
  "$bin" -a 127.0.0.1 -p "$proxy_port" -P "$publish_port" >"$dir/limit-server.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null; then
      echo "C reference started in $dir (pid $(cat "$pidfile"), port $proxy_port)"
      return 0
    fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 0.1
  done
  echo "restart.sh: limit-server did not start; see $dir/limit-server.log" >&2
  exit 1
}

run_action "$action"
