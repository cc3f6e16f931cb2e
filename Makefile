# Inkludera: `make run` serves the demo, `make test` runs the whole suite.
# Everything else here is for developers and operators (see docs/deploy.md).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2
# mypy checks the solver, services and access rules (STYLE.md habit 11).
MYPY_FILES = $(wildcard inkludera/*/services.py inkludera/*/access.py inkludera/support/*/services.py \
	inkludera/support/*/access.py inkludera/planning/solver/*.py) inkludera/core/identifiers.py \
	inkludera/core/periodic.py

.PHONY: run test venv dev-venv migrate demo messages lint fmt typecheck lock bench clean serve worker

run: venv messages migrate demo
	@echo
	@echo "Inkludera is running at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: dev-venv messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(MYPY_FILES)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# --- setup --------------------------------------------------------------------

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Inkludera needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: $(VENV)/.python-ok requirements.txt
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.runtime

dev-venv: $(VENV)/.dev

migrate: venv
	$(PY) manage.py migrate --noinput

demo: venv
	$(PY) manage.py seed_demo

# Compiled catalogues (.mo) are committed, so system gettext is optional:
# where msgfmt exists, they are rebuilt from the .po files.
messages: venv
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --verbosity 0; \
	else \
		echo "msgfmt not found: using the committed translations (.mo)"; \
	fi

# --- developer tools ----------------------------------------------------------

lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(MYPY_FILES)

fmt: dev-venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock:
	rm -rf /tmp/inkludera-lock && $(PYTHON) -m venv /tmp/inkludera-lock
	/tmp/inkludera-lock/bin/pip install --quiet -r requirements.in
	/tmp/inkludera-lock/bin/pip freeze > requirements.txt
	/tmp/inkludera-lock/bin/pip install --quiet -r requirements-dev.in
	/tmp/inkludera-lock/bin/pip freeze | grep -vxF -f requirements.txt | sed '1i -r requirements.txt' > requirements-dev.txt

bench: dev-venv
	$(PY) bench/run_all.py

# --- production (docs/deploy.md); needs DEBUG=0 and the secrets in the environment ----

serve: venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/gunicorn inkludera.wsgi --config gunicorn.conf.py

worker: venv
	$(PY) manage.py schedule_periodic
	$(PY) manage.py db_worker --interval 1

backup: venv
	$(PY) manage.py backup --out var/backups/inkludera-$$(date +%Y%m%d-%H%M%S).tar.gz

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles .pytest_cache .ruff_cache .mypy_cache
