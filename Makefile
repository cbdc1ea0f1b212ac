# The portal's commands. `make run` and `make test` are the two that matter; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Tests run against real services: the local PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ecotown
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
STAMP := $(VENV)/.installed

.PHONY: help run test lint audit format bench editor system-deps services venv clean

help:
	@echo "make run    - the portal with demo data on http://127.0.0.1:$(PORT) (SQLite, one Celery worker)"
	@echo "make test   - the whole test suite against PostgreSQL and Redis"
	@echo "make lint   - ruff, the import layers (import-linter), mypy, makemigrations --check"
	@echo "make audit  - known vulnerabilities in the pinned dependencies (pip-audit)"
	@echo "make bench  - benchmarks: query counts, latency under load, PDF render times"
	@echo "make editor - rebuild static/vendor/editor/editor.min.js from scripts/editor (needs npm)"

# The interpreter: PYTHON if set, else python3.13/python3.12 on PATH, else pyenv's newest >= 3.12.
$(VENV)/bin/python:
	@python=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

# The installer's chatter goes to a log (shown only when it fails), so that `make run` ends on
# the one line that matters: where the portal is.
$(STAMP): $(VENV)/bin/python pyproject.toml requirements/constraints.txt
	@echo "Installing the pinned dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(PY) -m pip install --quiet --upgrade pip && \
	   $(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[test]'; } \
	   >$(VENV)/install.log 2>&1 || { tail -n 30 $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

venv: $(STAMP)

system-deps:
	@scripts/system-deps.sh

services:
	@scripts/services.sh

run: $(STAMP)
	@scripts/run.sh $(PORT)

test: $(STAMP) system-deps services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) DEBUG=true \
		$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy ecotown notifications seminars trainees planning_docs reviews pilots api
	$(PY) manage.py makemigrations --check --dry-run

audit: $(STAMP)
	@scripts/audit.sh

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP) system-deps services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(PY) manage.py bench

# The visual editor's bundle is committed: only changing scripts/editor needs npm and this target.
editor:
	cd scripts/editor && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) var/broker var/celery-results
