#!/usr/bin/env bash
# The embedded default: migrate, seed the demo, then serve with one real Celery worker beside the
# web server. Their logs go to var/; the last line printed is where the portal is. Ctrl-C stops
# both.
set -euo pipefail
port=${1:-8000}
# Links in the e-mails the worker prints point at this server unless told otherwise.
export PORTAL_URL=${PORTAL_URL:-http://127.0.0.1:$port}
# The demo accounts sign in with their password alone, whatever DEBUG says.
export MFA_REQUIRED_ROLES=${MFA_REQUIRED_ROLES-}
py=.venv/bin/python
mkdir -p var
$py manage.py migrate --no-input -v 0
if ! $py manage.py seed_demo >var/seed.log 2>&1; then
  tail -n 20 var/seed.log >&2
  exit 1
fi
.venv/bin/celery -A ecotown worker --beat --loglevel=INFO --concurrency=1 \
  --schedule var/celerybeat-schedule --logfile var/worker.log >/dev/null 2>&1 &
worker=$!
$py manage.py runserver --noreload "127.0.0.1:$port" >var/web.log 2>&1 &
web=$!
stop() {
  kill -TERM "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap stop EXIT INT TERM
for _ in $(seq 1 100); do
  if ! kill -0 "$web" 2>/dev/null; then
    echo "The web server stopped; see var/web.log:" >&2
    tail -n 20 var/web.log >&2
    exit 1
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
echo "Demo accounts: unido (coordinator), expert, trainee01 … trainee14; password ecotown-demo."
echo "Logs: var/web.log, var/worker.log. Ctrl-C stops the portal."
echo "Portal on http://127.0.0.1:$port/"
wait "$web"
