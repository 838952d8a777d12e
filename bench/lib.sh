# Shell functions shared by the targets' restart.sh scripts; sourced, not run.

# stop_pid PID [SIGNAL]: sends SIGNAL (default TERM) to PID, waits up to 10 s for it to exit, then
# SIGKILLs it and the children it had (a server busy closing thousands of connections can ignore SIGTERM).
stop_pid() {
  local pid=$1 sig=${2:-TERM} children
  children=$(pgrep -P "$pid" || true)
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -9 "$pid" $children 2>/dev/null || true
}

# stop_pidfile FILE [SIGNAL]: stop_pid on the PID in FILE, then removes FILE; nothing when FILE is absent.
stop_pidfile() {
  local file=$1
  if [ -s "$file" ]; then
    stop_pid "$(cat "$file")" "${2:-TERM}"
  fi
  rm -f "$file"
}

# run_action ACTION: what a restart.sh does for ACTION (start: stop, then start; stop; pids), with the
# start, stop and pids functions the sourcing script defines.
run_action() {
  case "$1" in
    start) stop; start ;;
    stop) stop ;;
    pids) pids ;;
    *) echo "restart.sh: unknown action '$1' (expected: start, stop or pids)" >&2; exit 2 ;;
  esac
}
