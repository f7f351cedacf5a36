# Kintrace. The two commands a new machine needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: demo test test-fast test-browser lint serve worker migrate bench clean

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/kintrace migrate --noinput

## demo: environment, migrations, demo data, web app and job worker on http://$(HOST):$(PORT)
demo: migrate
	$(BIN)/kintrace demo
	$(BIN)/kintrace collectstatic --noinput -v 0
	@echo "Starting the job worker and the web app on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(BIN)/kintrace db_worker --interval 1 >/dev/null 2>&1 & \
	  $(BIN)/kintrace runserver --noreload $(HOST):$(PORT)

serve: migrate
	$(BIN)/kintrace runserver $(HOST):$(PORT)

worker: migrate
	$(BIN)/kintrace db_worker

## test: every test (unit, integration, browser) on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set
## (the per-route role matrix, which checks permissions rather than the database, runs on SQLite only)
test: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m django makemigrations --check --dry-run >/dev/null
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$TEST_DATABASE_URL) =="; \
	  DATABASE_URL="$$TEST_DATABASE_URL" DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m "not browser" tests/casework \
	    --deselect tests/casework/access/test_matrix.py::test_route \
	    --deselect tests/casework/access/test_matrix.py::test_undeclared_methods_answer_405; \
	fi

test-fast: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m "not browser and not slow"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy config casework kinship linkage
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m django makemigrations --check --dry-run

bench: $(VENV)/.installed
	$(PY) bench/kinship_bulk.py
	$(PY) bench/registry_pages.py

clean:
	rm -rf $(VENV) var/*.sqlite3* staticfiles
