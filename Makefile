# Tandem. `make run` serves the demo on SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/tandem
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-postgres lint check bench install css chromium libreoffice clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Tandem needs Python 3.11 ($(PYTHON)). Install it, or run: make PYTHON=/path/to/python3.11 ..."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
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
# Where it cannot be installed, those tests are skipped and say why.
libreoffice:
	@if ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's LibreOffice (Writer and Calc, no GUI) for the export tests..."; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null || echo "LibreOffice could not be installed; its tests will be skipped."; \
	  else \
	    echo "LibreOffice is not installed; the tests that open exports in it will be skipped."; \
	  fi; \
	fi

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite: unit, integration and browser tests. DATABASE_URL picks the database
# (SQLite when unset).
test: install chromium libreoffice
	$(PY) -m pytest -n 2 -q

test-postgres: install chromium libreoffice
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/djlint --lint tandem
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
	  REDIS_URL=redis://127.0.0.1:6379/0 TANDEM_AUDIT_KEYS=lint:$$(openssl rand -hex 32) \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
