# Strom: two commands for a newcomer — `make demo` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

# uv from the PATH, else a private copy installed with pip (PyPI) into .tools/.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen --no-sync
DEMO_ENV := var/demo.env
SQLITE_REDIS_DB ?= 14

.PHONY: demo test env lint messages makemessages lock bench clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv>=0.5"

# The environment, exactly as uv.lock says (README shows the pip fallback with requirements.lock.txt).
.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

env: .venv/.synced

# Compiled translations are build products: made from the .po files on every machine.
messages: env
	STROM_ENV=test $(RUN) python manage.py compilemessages --ignore=.venv --ignore=.tools -v 0

# Collect the project's strings into the catalogues of every language (after changing any string).
makemessages: env
	STROM_ENV=test $(RUN) python manage.py makemessages --ignore=.venv --ignore=.tools --no-obsolete \
	  $(foreach l,lv lt et fi sv da nb de pl nl ru uk,-l $(l)) -v 0

# The demo's secrets, made once. Never again for an existing database: its data is encrypted and its
# audit trail signed with the keys in this file.
$(DEMO_ENV): | env
	@if [ -f var/strom.sqlite3 ]; then \
	  echo "var/demo.env is missing but var/strom.sqlite3 exists and needs its keys: restore the file, or delete var/ to start afresh."; \
	  exit 1; fi
	mkdir -p var
	STROM_ENV=test $(RUN) python manage.py generate_keys > $@.tmp && mv $@.tmp $@
	echo "STROM_ENV=development" >> $@

demo: env messages $(DEMO_ENV)
	set -a && . ./$(DEMO_ENV) && set +a && \
	$(RUN) python manage.py migrate --no-input -v 0 && \
	$(RUN) python manage.py load_demo && \
	$(RUN) python manage.py collectstatic --no-input -v 0 && \
	echo "Strom is starting on http://127.0.0.1:$(PORT)/ — stop it with Ctrl+C." && \
	{ $(RUN) python manage.py db_worker --no-reload -v 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; } && \
	$(RUN) gunicorn strom.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --worker-class gthread \
	  --access-logformat '%(t)s "%(m)s %(U)s" %(s)s' --access-logfile - --log-level warning

# The whole suite on SQLite; also on PostgreSQL when DATABASE_URL points at one. The suite runs in one
# process, so the two databases run side by side (one core each); the SQLite run's output follows the
# PostgreSQL run's. Each run gets its own Redis database, so that one run's cache.clear() and replay
# guard never meet the other's.
test: env messages
	@if [[ "$$DATABASE_URL" != postgres* ]]; then \
	  STROM_ENV=test DATABASE_URL= $(RUN) pytest; exit; \
	fi; \
	mkdir -p var; log=var/test-sqlite.log; \
	lite_redis=$${STROM_TEST_REDIS_URL:+$${STROM_TEST_REDIS_URL%/*}/$(SQLITE_REDIS_DB)}; \
	STROM_ENV=test DATABASE_URL= STROM_TEST_REDIS_URL=$$lite_redis $(RUN) pytest >$$log 2>&1 & lite=$$!; \
	echo "== on PostgreSQL ($${DATABASE_URL%%\?*}); on SQLite alongside, its output ($$log) follows"; \
	STROM_ENV=test $(RUN) pytest; pg=$$?; \
	wait $$lite; sqlite=$$?; \
	echo "== on SQLite"; cat $$log; \
	echo "== PostgreSQL: exit $$pg, SQLite: exit $$sqlite"; \
	[ $$pg -eq 0 ] && [ $$sqlite -eq 0 ]

lint: env
	$(RUN) ruff check .

# Refresh the lock files after changing pyproject.toml.
lock: | $(UV)
	$(UV) lock
	$(UV) export --frozen --all-groups --no-emit-project --format requirements-txt -o requirements.lock.txt

bench: env
	STROM_ENV=test $(RUN) python -m bench

clean:
	rm -rf .venv .tools var .pytest_cache
