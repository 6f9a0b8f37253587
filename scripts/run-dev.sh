#!/bin/sh
# `make run`: the task worker in the background, the development server in the foreground;
# stopping the server (Ctrl+C) stops the worker too.
set -eu
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
"$BIN/nscl" worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM
"$BIN/nscl" runserver "127.0.0.1:$PORT"
