#!/bin/sh
# `make run`: the task worker and the development server side by side; Ctrl+C (or a TERM to
# this script) stops both. Both run in the background so the trap fires at once.
set -u
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
"$BIN/nscl" worker &
WORKER=$!
"$BIN/nscl" runserver "127.0.0.1:$PORT" &
SERVER=$!
stop() {
  trap - INT TERM EXIT
  kill "$SERVER" "$WORKER" 2>/dev/null
  # the autoreloader serves from a child process of its own
  pkill -TERM -P "$SERVER" 2>/dev/null
  wait 2>/dev/null
  exit 0
}
trap stop INT TERM EXIT
wait "$SERVER"
