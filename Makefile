# Legwork: `make run` to use it, `make test` to check it. Everything installs into .venv.
SHELL := /bin/bash
PYTHON_FOR_VENV ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-test migrate routine test lint format e2e browser demo bench serve load backup clean bench-server

run: install migrate routine ## Install, migrate, load the routine, serve on http://$(HOST):$(PORT)
	DJANGO_DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

$(VENV)/bin/activate:
	@bash scripts/make_venv.sh "$(PYTHON_FOR_VENV)" $(VENV)

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

routine: install
	$(PY) manage.py load_routine

browser: ## Chromium for the browser tests: Debian's package, installed with apt when root.
	@bash scripts/ensure_chromium.sh

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install-test browser lint ## Lint, then the whole suite (browser journeys included), one process per core.
	$(VENV)/bin/pytest -n auto

e2e: install-test browser
	$(VENV)/bin/pytest tests/e2e

serve: install migrate routine ## Production server: gunicorn, DEBUG off, whitenoise (docs/production.md)
	DJANGO_DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=false LEGWORK_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

load: install ## Load test: 20 runners for 60 s against gunicorn, on SQLite then PostgreSQL
	$(PY) bench/load.py --database sqlite --clients $(or $(CLIENTS),20) --seconds $(or $(DURATION),60)
	$(PY) bench/load.py --database postgres --clients $(or $(CLIENTS),20) --seconds $(or $(DURATION),60)

backup: install ## Online backup of the SQLite database into backups/
	$(PY) manage.py backup_sqlite

clean:
	rm -rf $(VENV) staticfiles .pytest_cache artifacts

demo: install migrate routine ## A demo runner with 5 years of history (email and password printed).
	$(PY) manage.py seed_demo --years 5

bench: install ## Every main page at 0, 1, 5 and 20 years of history; writes docs/performance.md.
	$(PY) -m bench.pages

bench-server: install ## Home and progress under gunicorn (2 workers) and wrk, on SQLite and PostgreSQL.
	@bash scripts/ensure_wrk.sh
	$(PY) -m bench.server

.PHONY: bench-import
bench-import: install ## Import a generated 10-year Strong history (~30,000 rows): time and peak memory.
	$(PY) -m bench.imports

.PHONY: bench-import-big
bench-import-big: install ## Import 229,272 rows (10 MB) committed in steps: each step's time.
	$(PY) -m bench.imports --big

.PHONY: bench-progress
bench-progress: install ## Progress and home pages at 5 years: time, queries, where the time goes.
	$(PY) -m bench.progress $(if $(YEARS),--years $(YEARS))

.PHONY: bench-burst
bench-burst: install ## 300 connections at once against gunicorn as `make serve` runs it: none may be reset.
	$(PY) -m bench.burst --connections $(or $(CONNECTIONS),300) --workers $(or $(WORKERS),4)
	$(PY) -m bench.burst --connections $(or $(CONNECTIONS),300) --workers $(or $(WORKERS),4) --database postgres

.PHONY: bench-reminders
bench-reminders: install ## send_reminders over 100,000 generated runners, all due: time, queries per batch, peak memory.
	$(PY) -m bench.reminders $(if $(RUNNERS),--runners $(RUNNERS))
