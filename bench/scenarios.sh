#!/usr/bin/env bash
# Runs the fan-out scenarios against one or more targets, side by side, and writes one JSON report per
# target and scenario (plus .hgrm percentile files and an HTML page with charts) under
# $RESULTS/<target>/<scenario>.*, and one HTML page comparing every target it ran: $RESULTS/compare.html.
#
#   bench/scenarios.sh <target>[,<target>...] [scenario ...]
#
# Targets that this script starts itself, fresh for every scenario, and stops afterwards (each in its own
# directory under RUN_DIR, stopped by PID):
#   tack     Tack (proxy/target/tack.jar) through bench/tack/restart.sh; the bench origin behind it
#   pushpin  Pushpin 1.36 and zurl through bench/pushpin/restart.sh; the bench origin behind it
#   nchan    nginx + Nchan through bench/nchan/restart.sh: two workers, memory store, no origin; published
#            with --publish-api nchan (raw bodies to POST /pub/<channel>)
#   cref     the C reference server (limit-server) through bench/cref/restart.sh, built from
#            LIMIT_SERVER_DIR (the directory holding limit-server.c; no default); skipped with a
#            message when it is unset or its source is absent
# Any other name measures whatever listens on PROXY_PORT, behind the bench origin, with the BEFORE_EACH
# hook and PROXY_PIDS below.
#
# Scenarios (default: a b c d e):
#   a    5,000 SSE subscribers on one channel, 50 messages at 10/s
#   b    5,000 WebSocket subscribers on one channel, 50 messages at 10/s
#   c    19,500 idle SSE connections: server memory and CPU per connection
#   c-ws 19,500 idle WebSockets, the same
#   d    1,000 channels x 10 SSE subscribers, 2,000 messages at 200/s
#   e    1,000 SSE subscribers on one channel, publishing flat out for 10 s: deliveries per second
#   a2 e2      a and e again with the load tool's side doubled (2 subscriber event loops instead of 1)
#   storm-sse  connection storm: STORM_CLIENTS (10,000) SSE clients connecting at STORM_RATE (5,000)/s:
#              handshake latency, server CPU per new connection, origin connections held
#   storm-ws   the same with WebSocket clients (for Tack and Pushpin including the WebSocket-over-HTTP
#              OPEN round trip to the origin)
#   reconnect  reconnect storm: RECONNECT_CLIENTS (5,000) SSE subscribers, 150 messages at 10/s carrying
#              ids; 5 s into publishing all drop and reconnect at once with Last-Event-ID: time to catch
#              up and messages lost (a target without history loses what was published meanwhile). Tack
#              keeps history for the load tool's channels here (RECONNECT_HISTORY, default 'bench-*';
#              empty runs it without history)
#
# Environment:
#   PROXY_PORT, PUBLISH_PORT  the target's client and HTTP publish ports (default 7999, 5561)
#   ORIGIN_PORT    the bench origin's port (default 8090)
#   RESULTS        output root (default bench/results)
#   RUN_DIR        where started targets keep their config, logs and PID files (default /tmp/tack-bench)
#   JAR            the load tool (default bench/target/tack-bench.jar; build: mvn -q -pl bench -am package -DskipTests)
#   JAVA_OPTS      JVM options for the load tool (default: -Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled)
#   CONNECT_RATE   new connections per second in a-e (default 200; Pushpin answers some WebSocket handshakes
#                  with 502 at 500/s on a busy 2-core box)
#   STORM_CLIENTS, STORM_RATE, RECONNECT_CLIENTS   the sizes of the storm scenarios
#   SCALE          multiplies every scenario's client count (default 1; e.g. 0.1 for a quick check that
#                  every target works: 500 subscribers in a and b, 1,000 in the storms)
#   BEFORE_EACH    for a target of another name: a command run before each scenario
#   PROXY_PIDS     for a target of another name: its PIDs, comma-separated, for RSS and CPU
#   NICE           when set (e.g. -10), run every thread of the target's processes, the origin and the load
#                  tool at this nice level, so other work on a shared box disturbs the measurement less
#                  (root only)
set -euo pipefail

if [ $# -lt 1 ]; then
  sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
  exit 2
fi
IFS=, read -r -a targets <<<"$1"
shift
scenarios=${*:-a b c d e}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/bench/target/tack-bench.jar}
results=${RESULTS:-$root/bench/results}
run_dir=${RUN_DIR:-/tmp/tack-bench}
export PROXY_PORT=${PROXY_PORT:-7999}
export PUBLISH_PORT=${PUBLISH_PORT:-5561}
export ORIGIN_PORT=${ORIGIN_PORT:-8090}
connect_rate=${CONNECT_RATE:-200}
scale=${SCALE:-1}
# n COUNT: COUNT clients times SCALE, at least 10.
n() { awk -v n="$1" -v s="$scale" 'BEGIN { v = int(n * s); print (v < 10 ? 10 : v) }'; }
storm_clients=${STORM_CLIENTS:-$(n 10000)}
storm_rate=${STORM_RATE:-5000}
reconnect_clients=${RECONNECT_CLIENTS:-$(n 5000)}
nice_cmd=()
if [ -n "${NICE:-}" ]; then
  nice_cmd=(nice -n "$NICE")
fi
java_opts=${JAVA_OPTS:--Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled}

if [ ! -f "$jar" ]; then
  echo "scenarios: $jar is missing (expected: build it with: mvn -q -pl bench -am package -DskipTests)" >&2
  exit 2
fi
for s in $scenarios; do
  case "$s" in
    a|b|c|c-ws|d|e|a2|e2|storm-sse|storm-ws|reconnect) ;;
    *) echo "scenarios: unknown scenario '$s' (expected: a b c c-ws d e a2 e2 storm-sse storm-ws reconnect)" >&2; exit 2 ;;
  esac
done

# The start script of a target this script manages, or nothing.
script_for() {
  case "$1" in
    tack|pushpin|nchan|cref) echo "$root/bench/$1/restart.sh" ;;
  esac
}

# Whether a target needs the bench GRIP origin behind it.
needs_origin() {
  case "$1" in
    nchan|cref) return 1 ;;
    *) return 0 ;;
  esac
}

# Targets whose start script says they cannot run here (the C reference without its source) are dropped.
runnable=()
for t in "${targets[@]}"; do
  if [ "$t" = cref ]; then
    src=${LIMIT_SERVER_DIR:-}
    if [ -z "$src" ] || [ ! -f "$src/limit-server.c" ]; then
      echo "scenarios: skipping target cref: LIMIT_SERVER_DIR='$src' (expected: the directory holding limit-server.c)" >&2
      continue
    fi
  fi
  runnable+=("$t")
done
if [ ${#runnable[@]} -eq 0 ]; then
  echo "scenarios: no target left to run" >&2
  exit 2
fi

# Each connection is a file descriptor on both sides; 19,500 needs the limit raised.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt 19700 ]; then
  echo "scenarios: ulimit -n is $(ulimit -n) (expected: at least 19700 for scenario c)" >&2
fi

origin_pid=
origin_log=$(mktemp)
started_target=
cleanup() {
  if [ -n "$started_target" ]; then
    "$(script_for "$started_target")" stop "$run_dir/$started_target" || true
  fi
  if [ -n "$origin_pid" ]; then
    kill "$origin_pid" 2>/dev/null || true
    wait "$origin_pid" 2>/dev/null || true
  fi
  rm -f "$origin_log"
}
trap cleanup EXIT

for t in "${runnable[@]}"; do
  if needs_origin "$t" && [ -z "$origin_pid" ]; then
    # shellcheck disable=SC2086
    "${nice_cmd[@]}" java $java_opts -jar "$jar" origin --port "$ORIGIN_PORT" >"$origin_log" 2>&1 &
    origin_pid=$!
    for _ in $(seq 1 100); do
      grep -q "listening" "$origin_log" && break
      sleep 0.1
    done
    grep -q "listening" "$origin_log" || { cat "$origin_log" >&2; exit 1; }
  fi
done

# Starts (or, for another name, hooks) the target, finds its PIDs and warms it up with a small unrecorded
# run: the first requests after a start can fail while a proxy's internal sockets connect (Pushpin answers
# some with 502), which is not what the scenarios measure; then 3 s of flat-out publishing to 200 SSE
# subscribers and 3 s to 200 WebSockets, then 5 s at 400 messages a second over 200 channels, so a JVM target
# runs compiled code (the same for every target).
prepare() {
  local t=$1 script
  script=$(script_for "$t")
  pid_args=()
  target_args=(--url "http://127.0.0.1:$PROXY_PORT")
  local pids=""
  if [ -n "$script" ]; then
    "$script" start "$run_dir/$t"
    started_target=$t
    pids=$("$script" pids "$run_dir/$t")
  else
    if [ -n "${BEFORE_EACH:-}" ]; then
      eval "$BEFORE_EACH"
      sleep 1
    fi
    pids=${PROXY_PIDS:-}
  fi
  case "$t" in
    nchan) target_args+=(--publish-api nchan --publish-url "http://127.0.0.1:$PUBLISH_PORT/pub/") ;;
    *) target_args+=(--publish-url "http://127.0.0.1:$PUBLISH_PORT/publish/") ;;
  esac
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null; then
    echo "scenarios: nothing listens on 127.0.0.1:$PROXY_PORT (expected: the target $t)" >&2
    exit 2
  fi
  if [ -n "$pids" ]; then
    pid_args=(--proxy-pid "$pids")
    if needs_origin "$t"; then
      pid_args+=(--count-connections-to "$ORIGIN_PORT")
    fi
    if [ -n "${NICE:-}" ]; then
      # renice -p changes one thread; every thread of the target must get the same priority as the tool.
      for pid in ${pids//,/ }; do
        renice -n "$NICE" -p $(ls "/proc/$pid/task") >/dev/null
      done
    fi
  else
    echo "scenarios: no PIDs for $t (set PROXY_PIDS); RSS and server CPU will be missing" >&2
  fi
  local warmup=ws,sse,stream,poll
  [ "$t" = cref ] && warmup=ws,sse # it holds every GET as a stream: no long-poll
  load 120 -n 200 -c 4 -t "$warmup" -m 20 -r 20 --progress 0 --sample-interval 0 >/dev/null
  # Then 3 s flat out: a JVM server compiles its delivery path in the first seconds of heavy fan-out, and that
  # compilation (a third of Tack's CPU in a cold scenario e, bench/profiles/) is not what a server that has been
  # running for minutes pays. Native targets run the same warm-up.
  load 120 -n 200 -c 1 -t sse -d 3s --drain-max 10s --progress 0 --sample-interval 0 >/dev/null
  # The same for WebSockets, whose framing and session path the SSE phase leaves cold (C2 compiling it was 41%
  # of Tack's samples in scenario b without this phase, bench/profiles/b-cpu.txt).
  load 120 -n 200 -c 1 -t ws -d 3s --drain-max 10s --progress 0 --sample-interval 0 >/dev/null
  # And publishing at a rate across many channels, the shape of scenario d: its publish and sequencing path (one
  # channel state per channel, the HTTP publish handler at 200 requests a second) was still being compiled by C2
  # during d's ten seconds of publishing without this phase (-XX:+PrintCompilation: 125 C2 compilations then).
  load 120 -n 1000 -c 200 -t sse -m 2000 -r 400 --progress 0 --sample-interval 0 >/dev/null
}

finish() {
  local t=$1 script
  script=$(script_for "$t")
  if [ -n "$script" ]; then
    "$script" stop "$run_dir/$t"
    started_target=
  fi
}

load() {
  local limit=$1
  shift
  # shellcheck disable=SC2086
  timeout "$limit" "${nice_cmd[@]}" java $java_opts -jar "$jar" load --no-origin "${target_args[@]}" \
    "${pid_args[@]}" --connect-rate "$connect_rate" --progress 5s "$@" \
    || echo "scenarios: load exited with status $? (its report may be missing)" >&2
  sleep 5 # let the target finish closing the previous run's connections
}

for s in $scenarios; do
  for t in "${runnable[@]}"; do
    echo "== scenario $s ($t)"
    out=$results/$t
    mkdir -p "$out"
    if [ "$s" = reconnect ]; then
      export TACK_HISTORY_CHANNELS=${RECONNECT_HISTORY-bench-*}
    else
      unset TACK_HISTORY_CHANNELS
    fi
    prepare "$t"
    case "$s" in
      a)  load 300 --label a-sse-5k -n "$(n 5000)" -c 1 -t sse -m 50 -r 10 --out "$out/a.json" ;;
      b)  load 300 --label b-ws-5k -n "$(n 5000)" -c 1 -t ws -m 50 -r 10 --out "$out/b.json" ;;
      c)  load 300 --label c-idle-sse-19500 -n "$(n 19500)" -c 1 -t sse -m 0 --source-ips 2 --out "$out/c.json" ;;
      c-ws) load 300 --label c-idle-ws-19500 -n "$(n 19500)" -c 1 -t ws -m 0 --source-ips 2 --out "$out/c-ws.json" ;;
      d)  load 300 --label d-1000ch-x10-sse -n "$(n 10000)" -c 1000 -t sse -m 2000 -r 200 --source-ips 2 \
            --out "$out/d.json" ;;
      e)  load 300 --label e-flat-out-1k-sse -n "$(n 1000)" -c 1 -t sse -d 10s --drain-max 30s --out "$out/e.json" ;;
      a2) load 300 --label a-sse-5k-threads2 -n "$(n 5000)" -c 1 -t sse -m 50 -r 10 --threads 2 \
            --out "$out/a2.json" ;;
      e2) load 300 --label e-flat-out-1k-sse-threads2 -n "$(n 1000)" -c 1 -t sse -d 10s --drain-max 30s \
            --threads 2 --out "$out/e2.json" ;;
      storm-sse|storm-ws)
          # The whole swarm may wait for its response at once: holding connections back (--max-pending)
          # would hide a slow handshake instead of measuring it. The 2,000 warm-up connections get the
          # load tool's own code compiled first (with a few hundred, its WebSocket handshakes still ran
          # interpreted and took hundreds of milliseconds against the C reference at 5,000/s).
          load 300 --label "$s-${storm_clients}-at-${storm_rate}" -n "$storm_clients" -c 1 -t "${s#storm-}" -m 0 \
            --connect-rate "$storm_rate" --max-pending "$storm_clients" --warmup 2000 \
            --out "$out/$s.json" ;;
      reconnect)
          load 300 --label "reconnect-sse-$reconnect_clients" -n "$reconnect_clients" -c 1 -t sse -m 150 -r 10 \
            --event-ids --reconnect-at 5s --max-pending "$reconnect_clients" --out "$out/reconnect.json" ;;
    esac
    finish "$t"
  done
done

dirs=()
for t in "${runnable[@]}"; do
  dirs+=("$t=$results/$t")
done
java -jar "$jar" compare --out "$results/compare.html" --scenarios "${scenarios// /,}" \
  --note "bench/scenarios.sh $(IFS=,; echo "${runnable[*]}") $scenarios on $(nproc) CPUs, $(uname -r)" "${dirs[@]}"
echo "results in $results (compare: $results/compare.html)"
