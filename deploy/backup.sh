#!/bin/sh
# deploy/backup.sh DIR — one consistent pg_dump (custom format) of DATABASE_URL and an archive
# of MEDIA_ROOT into DIR, named by date; keeps the last KEEP_DAYS (default 14) days.
set -eu
DIR=${1:?usage: backup.sh DIR}
: "${DATABASE_URL:?DATABASE_URL must be set}"
STAMP=$(date +%Y%m%d-%H%M%S)
mkdir -p "$DIR"
pg_dump --format=custom --no-owner --file="$DIR/nscl-$STAMP.dump" "$DATABASE_URL"
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$DIR/nscl-media-$STAMP.tar.gz" .
fi
find "$DIR" -name 'nscl-*' -mtime +"${KEEP_DAYS:-14}" -delete
echo "$DIR/nscl-$STAMP.dump"
