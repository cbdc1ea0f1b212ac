#!/usr/bin/env bash
# The embedded default: migrate, seed the demo, then serve with one real Celery worker beside the
# web server. Ctrl-C stops both.
set -euo pipefail
port=${1:-8000}
# Links in the e-mails the worker prints point at this server unless told otherwise.
export PORTAL_URL=${PORTAL_URL:-http://127.0.0.1:$port}
py=.venv/bin/python
$py manage.py migrate --no-input -v 0
$py manage.py seed_demo
.venv/bin/celery -A ecotown worker --beat --loglevel=INFO --concurrency=1 \
  --schedule var/celerybeat-schedule &
worker=$!
stop() { kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; }
trap stop EXIT INT TERM
echo "Portal on http://127.0.0.1:$port/ (sign in as unido, expert or trainee01; password ecotown-demo)"
$py manage.py runserver "127.0.0.1:$port"
