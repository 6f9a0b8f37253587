#!/bin/sh
# deploy/restore.sh DUMP TARGET_URL — restore a backup into an EMPTY database (created if
# missing), then `nscl migrate` brings it to the code's schema. Never into the live database:
# restore beside it, check, then point DATABASE_URL at it.
set -eu
DUMP=${1:?usage: restore.sh DUMP postgres://user@host:port/newdb}
TARGET=${2:?usage: restore.sh DUMP postgres://user@host:port/newdb}
NAME=${TARGET##*/}
SERVER=${TARGET%/*}/postgres
if [ "$(psql "$SERVER" -tAc "SELECT 1 FROM pg_database WHERE datname='$NAME'")" != 1 ]; then
  psql "$SERVER" -qc "CREATE DATABASE \"$NAME\""
fi
pg_restore --no-owner --exit-on-error --dbname="$TARGET" "$DUMP"
echo "restored $DUMP into $NAME"
