# SVL: the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is a step they depend on; each step is idempotent and cheap on a second run.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup venv migrate seed system-deps chromium lint db-stop messages bench backup restore

run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv system-deps chromium
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

setup: venv system-deps migrate seed

venv: $(STAMP)

# Reinstall only when requirements.txt changed since the last install.
$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# WeasyPrint needs Pango and fonts with Czech diacritics (Debian packages).
system-deps:
	@if ! ldconfig -p | grep -q libpango-1.0 || ! test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Pango and DejaVu fonts for PDF rendering..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "PDF rendering needs Pango and DejaVu fonts: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" >&2; exit 1; \
	  fi; \
	fi

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
chromium:
	@if ! test -x $(CHROMIUM); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium (or set CHROMIUM=/path/to/chromium)" >&2; exit 1; \
	  fi; \
	fi

migrate: venv
	$(PY) manage.py migrate --noinput

# Loads the demo organisations and users, only into an empty database.
seed: venv
	$(PY) manage.py seed_demo --if-empty

lint: venv
	$(VENV)/bin/ruff check .

messages: venv
	$(PY) manage.py makemessages -l cs -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# Stops the embedded PostgreSQL (it otherwise keeps running between commands).
db-stop: venv
	$(PY) manage.py embedded_db stop

# A compressed pg_dump of the database to var/backups/svl-YYYYMMDD-HHMMSS.dump (README: Deploying, Backups).
backup: venv
	$(PY) manage.py backup_db

# Restores a dump into an empty database, or with FORCE=1 in place of everything in it: all or nothing (a damaged
# dump changes nothing), and every session is signed out (README: Deploying, Backups).
restore: venv
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/svl-YYYYMMDD-HHMMSS.dump [FORCE=1 to replace a database in use]" >&2; exit 2; }
	$(PY) manage.py restore_db "$(FILE)" $(if $(filter 1,$(FORCE)),--force)
