#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the media files (PDFs).
#   scripts/backup.sh DIR        reads DATABASE_URL and MEDIA_ROOT (default var/media)
set -euo pipefail
target=${1:?usage: scripts/backup.sh DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-var/media}
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -czf "$target/media.tar.gz" -C "$media" .
fi
echo "Backup written to $target"
