# thidua — `make run` (demo on SQLite) and `make test` (ruff + pytest) on a fresh machine.
PY ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
TOOLS := .tools
VENV := .venv
UV := $(TOOLS)/bin/uv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run demo test lint format e2e production audit messages clean

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PY) --quiet
	touch $@

install: $(VENV)/.synced

demo: install
	mkdir -p var
	THIDUA_DEBUG=1 $(PYTHON) manage.py migrate --noinput
	THIDUA_DEBUG=1 $(PYTHON) manage.py seed_demo

run: demo
	THIDUA_DEBUG=1 $(PYTHON) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	THIDUA_DEBUG=1 $(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n auto -q

e2e: install
	$(VENV)/bin/pytest -m e2e -p no:xdist -q tests/e2e

# Two gunicorn app servers, Celery workers, Redis and S3-compatible storage on PostgreSQL
# (DATABASE_URL must name a PostgreSQL database; the tests restart the machine's PostgreSQL).
production: install
	$(VENV)/bin/pytest -m production -p no:xdist -q tests/production

# The locked dependencies against the PyPI advisory database (pip-audit).
audit: install
	bash scripts/audit-deps.sh

# With gettext's xgettext (apt install gettext) the English catalogue is first brought up to
# date with the marked strings; the .po is then compiled to the .mo that is committed.
messages: install
	@if command -v xgettext >/dev/null 2>&1; then \
		cd src/thidua && THIDUA_DEBUG=1 $(CURDIR)/$(PYTHON) $(CURDIR)/manage.py makemessages \
			-l en --no-obsolete --add-location file -i 'demo/*' -i 'static/*'; \
	else \
		echo "xgettext not found: compiling the catalogue as it is"; \
	fi
	THIDUA_DEBUG=1 $(PYTHON) manage.py compile_catalogue

clean:
	rm -rf $(VENV) $(TOOLS) var
