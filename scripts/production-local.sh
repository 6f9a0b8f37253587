#!/bin/sh
# The production services as plain processes on this machine (no Docker engine here): gunicorn
# with deploy/gunicorn.conf.py and `nscl worker`, production settings, the local PostgreSQL and
# Redis. `smoke` starts them, checks the login page, the health checks, a resolver scan, static
# files, that uploads are not served, a backup and its restore, and stops them.
#
#   sh scripts/production-local.sh smoke
#   NSCL_SMOKE_DB=nscl_jobs_smoke NSCL_SMOKE_PORT=8012 NSCL_SMOKE_REDIS=3 sh scripts/production-local.sh smoke
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DB=${NSCL_SMOKE_DB:-nscl_smoke}
PORT=${NSCL_SMOKE_PORT:-8090}
REDIS_DB=${NSCL_SMOKE_REDIS:-3}
PG=${NSCL_SMOKE_PG:-postgres://postgres@127.0.0.1:5432}
ROOT=$(pwd)/var/production-local
mkdir -p "$ROOT/media" "$ROOT/static" "$ROOT/log" "$ROOT/backups"

export DJANGO_SETTINGS_MODULE=nscl.settings.production
export SECRET_KEY="smoke-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$PORT"
export DATABASE_URL="$PG/$DB"
export CACHE_URL="redis://127.0.0.1:6379/$REDIS_DB" CACHE_KEY_PREFIX="$DB"
export NSCL_TASKS=rq RQ_URL="redis://127.0.0.1:6379/$REDIS_DB"
export NSCL_RESOLVER_BASE=https://truyxuat.example.gov.vn
export EMAIL_URL=consolemail:// DEFAULT_FROM_EMAIL=nscl@example.gov.vn
export MEDIA_ROOT="$ROOT/media" STATIC_ROOT="$ROOT/static"
export SECURE_SSL_REDIRECT=False  # nginx terminates TLS in a real deployment; none here
export NSCL_BIND="127.0.0.1:$PORT" NSCL_WEB_WORKERS=2 NSCL_ACCESS_LOG="$ROOT/log/access.log"

step() { printf '== %s\n' "$*"; }
PASSED=0 FAILED=0
check() {  # check NAME COMMAND...
  name=$1; shift
  if "$@" >"$ROOT/log/check.out" 2>&1; then PASSED=$((PASSED + 1)); echo "ok   $name"
  else FAILED=$((FAILED + 1)); echo "FAIL $name"; sed 's/^/     /' "$ROOT/log/check.out" | head -20; fi
}
http() {  # http PATH EXPECTED_STATUS [TEXT]
  code=$(curl -s -o "$ROOT/log/body" -w '%{http_code}' "http://127.0.0.1:$PORT$1")
  [ "$code" = "$2" ] || { echo "$1: HTTP $code, expected $2"; head -c 400 "$ROOT/log/body"; return 1; }
  [ -z "${3:-}" ] || grep -q "$3" "$ROOT/log/body" || { echo "$1: no “$3”"; return 1; }
}

prepare() {
  step "database $DB"
  psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
    || psql "$PG/postgres" -qc "CREATE DATABASE \"$DB\""
  "$BIN/nscl" migrate --noinput -v 0
  "$BIN/nscl" collectstatic --noinput -v 0
  "$BIN/nscl" check --deploy --fail-level ERROR
}

start() {
  step "gunicorn on 127.0.0.1:$PORT and the worker"
  "$BIN/gunicorn" nscl.wsgi --config deploy/gunicorn.conf.py >"$ROOT/log/web.log" 2>&1 &
  echo $! >"$ROOT/web.pid"
  "$BIN/nscl" worker >"$ROOT/log/worker.log" 2>&1 &
  echo $! >"$ROOT/worker.pid"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/suc-khoe/web" && return 0
    sleep 0.2
  done
  echo "gunicorn did not start"; cat "$ROOT/log/web.log"; return 1
}

stop() {
  for name in web worker; do
    if [ -f "$ROOT/$name.pid" ]; then
      kill "$(cat "$ROOT/$name.pid")" 2>/dev/null || true
      rm -f "$ROOT/$name.pid"
    fi
  done
  wait 2>/dev/null || true
}

worker_alive() {
  for _ in $(seq 1 50); do http /suc-khoe/worker 200 '"ok": true' && return 0; sleep 0.3; done
  return 1
}

backup_restore() {
  dump=$(deploy/backup.sh "$ROOT/backups" | tail -n 1)
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS \"${DB}_restored\""
  deploy/restore.sh "$dump" "$PG/${DB}_restored" >/dev/null
  count="SELECT (SELECT count(*) FROM django_migrations) || '/' || (SELECT count(*) FROM jobs_job)"
  a=$(psql "$PG/$DB" -tAc "$count"); b=$(psql "$PG/${DB}_restored" -tAc "$count")
  psql "$PG/postgres" -qc "DROP DATABASE \"${DB}_restored\""
  [ "$a" = "$b" ] || { echo "restored $b, live $a"; return 1; }
  echo "migrations/jobs: $a = $b"
}

demo_refused() {
  if "$BIN/nscl" load_demo >"$ROOT/log/demo.out" 2>&1; then echo "load_demo ran"; return 1; fi
  grep -q "Không nạp dữ liệu minh họa" "$ROOT/log/demo.out"
}

smoke() {
  prepare
  trap stop EXIT INT TERM
  start
  step "smoke test"
  check "login page" http /dang-nhap/ 200 "Đăng nhập"
  check "health: web" http /suc-khoe/web 200
  check "health: database and Redis cache" http /suc-khoe/db 200 '"cache": "ok"'
  check "health: worker alive" worker_alive
  check "resolver scan (unknown stamp)" http /01/08935049500018/21/ZZZZZZZZZZ1 404 "không có trong hệ thống"
  check "resolver description" http /.well-known/gs1resolver 200 resolverRoot
  check "static file" http /static/css/nscl.css 200
  check "uploads not served" http /media/jobs/x.pdf 404
  check "backup and tested restore" backup_restore
  check "load_demo refuses production" demo_refused
  stop
  trap - EXIT INT TERM
  echo "smoke: $PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}

case "${1:-smoke}" in
  smoke) smoke ;;
  prepare) prepare ;;
  start) prepare; start; echo "running: sh $0 stop" ;;
  stop) stop ;;
  *) echo "usage: $0 smoke|prepare|start|stop"; exit 2 ;;
esac
