#!/usr/bin/env bash
# (Re)starts Nchan for the bench scenarios, or stops it, or prints its PIDs.
#
#   bench/nchan/restart.sh [start|stop|pids] [dir]     (default: start, /tmp/tack-bench-nchan)
#
# Nchan is the nginx module (Debian: nginx + libnginx-mod-nchan). This script writes <dir>/nginx.conf and
# runs its own nginx from it (never the system's service): two workers, Nchan's memory store, subscribers
# on 127.0.0.1:PROXY_PORT (default 7999) and publishers on 127.0.0.1:PUBLISH_PORT (default 5561):
#
#   GET  /sse/<channel>     nchan_subscriber eventsource
#   GET  /ws/<channel>      nchan_subscriber websocket
#   GET  /stream/<channel>  nchan_subscriber http-raw-stream (one message per line)
#   GET  /poll/<channel>    nchan_subscriber longpoll
#   POST /pub/<channel>     nchan_publisher: the raw request body is the message
#
# New subscribers start at the newest message (as Pushpin's do); each channel keeps its last 1,000
# messages for 10 minutes, so an SSE client that reconnects with Last-Event-ID gets what it missed. Point
# the load tool at it with --no-origin --publish-api nchan --publish-url http://127.0.0.1:PUBLISH_PORT/pub/.
# The master's PID is kept in <dir>/nginx.pid; stop sends it SIGQUIT (graceful), then SIGKILL.
# Environment: NGINX (default nginx), NCHAN_MODULE (default /usr/lib/nginx/modules/ngx_nchan_module.so),
# NCHAN_WORKERS (default 2).
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/tack-bench-nchan}
proxy_port=${PROXY_PORT:-7999}
publish_port=${PUBLISH_PORT:-5561}
nginx=${NGINX:-nginx}
module=${NCHAN_MODULE:-/usr/lib/nginx/modules/ngx_nchan_module.so}
workers=${NCHAN_WORKERS:-2}
pidfile=$dir/nginx.pid

pids() {
  [ -s "$pidfile" ] || return 0
  local master
  master=$(cat "$pidfile")
  local out=("$master")
  # shellcheck disable=SC2207
  out+=($(pgrep -P "$master" || true))
  local IFS=,
  echo "${out[*]}"
}

# shellcheck source=../lib.sh
. "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"

# SIGQUIT: nginx's graceful shutdown.
stop() {
  stop_pidfile "$pidfile" QUIT
}

start() {
  command -v "$nginx" >/dev/null || { echo "restart.sh: $nginx not found (expected: apt-get install nginx libnginx-mod-nchan)" >&2; exit 2; }
  [ -f "$module" ] || { echo "restart.sh: $module is missing (expected: apt-get install libnginx-mod-nchan)" >&2; exit 2; }
  mkdir -p "$dir/tmp"
  local subscriber
  subscriber() {
    cat <<CONF
    location ~ ^/$1/(.+)\$ {
      nchan_subscriber $2;
      nchan_channel_id \$1;
      nchan_subscriber_first_message newest;
    }
CONF
  }
  cat >"$dir/nginx.conf" <<CONF
# Written by bench/nchan/restart.sh; started with: nginx -p $dir -c $dir/nginx.conf
load_module $module;
user root;
worker_processes $workers;
worker_rlimit_nofile 20000;
daemon off;
pid $pidfile;
error_log $dir/error.log warn;
events {
  worker_connections 19500;
  multi_accept on;
}
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  nchan_max_reserved_memory 256M;
  nchan_message_buffer_length 1000;
  nchan_message_timeout 10m;
  server {
    listen 127.0.0.1:$proxy_port backlog=4096;
$(subscriber sse eventsource)
$(subscriber ws websocket)
$(subscriber stream http-raw-stream)
$(subscriber poll longpoll)
  }
  server {
    listen 127.0.0.1:$publish_port backlog=1024;
    location ~ ^/pub/(.+)\$ {
      nchan_publisher;
      nchan_channel_id \$1;
      client_max_body_size 1m;
      client_body_buffer_size 64k;
    }
  }
}
CONF
  "$nginx" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || { echo "restart.sh: nginx rejected $dir/nginx.conf" >&2; exit 1; }
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 20000
  "$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >"$dir/nginx.out" 2>&1 &
  for _ in $(seq 1 100); do
    local master=
    [ -f "$pidfile" ] && master=$(cat "$pidfile")
    if [ -n "$master" ] && (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null \
        && [ -n "$(pgrep -P "$master" || true)" ]; then
      echo "nchan ($("$nginx" -v 2>&1 | sed 's/.*: //')) started in $dir (processes: $(pids))"
      return 0
    fi
    sleep 0.1
  done
  echo "restart.sh: nginx with Nchan did not start; see $dir/error.log and $dir/nginx.out" >&2
  exit 1
}

run_action "$action"
