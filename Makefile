# Tandem. `make run` serves the demo on SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/tandem
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-postgres lint check bench install css chromium libreoffice clean

# requirements-dev.txt is requirements.txt (what production installs) plus the tests, linters and
# bench; a development checkout needs both.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Tandem needs Python 3.11 ($(PYTHON)). Install it, or run: make PYTHON=/path/to/python3.11 ..."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tandem/frontend/static/tandem/tandem.css: node_modules/.installed $(wildcard tandem/frontend/scss/*.scss)
	npm run --silent build:css

install: $(VENV)/.installed node_modules/.installed tandem/frontend/static/tandem/tandem.css

css: node_modules/.installed
	npm run --silent build:css

# Debian's Chromium drives the browser tests (Playwright's own download does not work here).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM). Run: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

# LibreOffice checks that the Word, PDF and Excel exports open (issue 4: "they open in LibreOffice").
# In CI (CI set) it must be there: a failed install stops the run, and its tests fail without it.
# Elsewhere, where it cannot be installed, those tests are skipped and say why.
libreoffice:
	@if ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's LibreOffice (Writer and Calc, no GUI) for the export tests..."; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null \
	      || if [ -n "$$CI" ]; then echo "LibreOffice could not be installed, and CI needs it."; exit 1; \
	         else echo "LibreOffice could not be installed; its tests will be skipped."; fi; \
	  elif [ -n "$$CI" ]; then \
	    echo "CI needs LibreOffice (soffice) for the export tests. Run: sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui"; exit 1; \
	  else \
	    echo "LibreOffice is not installed; the tests that open exports in it will be skipped."; \
	  fi; \
	fi

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	$(PY) manage.py runserver 127.0.0.1:8000

# One pytest worker per core; "worksteal" lets a worker that finishes early take tests queued
# for a busy one, so the long hypothesis and browser tests do not leave a core idle at the end.
PYTEST_PARALLEL ?= -n auto --dist worksteal
# The browser journeys check pages and steps, not the database, and are the slowest tests:
# `make test` runs them (on SQLite); `make test-postgres` runs everything else on PostgreSQL.
# `make test-postgres PG_TESTS=` runs the browser journeys there too.
PG_TESTS ?= -m "not e2e"

# The whole suite: unit, integration and browser tests. DATABASE_URL picks the database
# (SQLite when unset).
test: install chromium libreoffice
	$(PY) -m pytest $(PYTEST_PARALLEL) -q

test-postgres: install libreoffice
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_PARALLEL) -q $(PG_TESTS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/djlint --lint tandem
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
	  REDIS_URL=redis://127.0.0.1:6379/0 TANDEM_AUDIT_KEYS=lint:$$(openssl rand -hex 32) \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
