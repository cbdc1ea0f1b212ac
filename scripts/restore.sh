#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL (an existing, preferably empty,
# database) and MEDIA_ROOT. Existing objects of the same name are replaced.
#   scripts/restore.sh DIR
set -euo pipefail
source_dir=${1:?usage: scripts/restore.sh DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
media=${MEDIA_ROOT:-var/media}
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$source_dir/database.dump"
if [ -f "$source_dir/media.tar.gz" ]; then
  mkdir -p "$media"
  tar -xzf "$source_dir/media.tar.gz" -C "$media"
fi
echo "Restored $source_dir"
