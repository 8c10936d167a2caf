# SIAGA — developer and CI entry points (GNU make).
#
#   make run    install runtime deps, build a demo DB if none exists, start Streamlit
#   make dev    the same, reloading on code changes (file watcher on)
#   make test   install test deps (+ Debian chromium when root), ruff, pytest (incl. browser)
#   make bench  run the analytics benchmark, then the load benchmark (python -m loadtest)
#   make lint / make format / make clean
#
# Overridable: PYTHON (interpreter used to create .venv), SIAGA_DB, CHROMIUM.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SIAGA_DB ?= data/siaga.duckdb
CHROMIUM ?= /usr/bin/chromium
STREAMLIT_FLAGS ?=

RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test

.PHONY: help venv install install-test browser run dev test bench lint format clean

help:
	@echo "Targets: run, dev, test, bench, lint, format, install, install-test, browser, clean"
	@echo "Variables: SIAGA_DB=$(SIAGA_DB) PYTHON=$(PYTHON) CHROMIUM=$(CHROMIUM)"

# --- virtualenv ---------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SIAGA needs Python 3.11+, got " + sys.version.split()[0] + " (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/python

# Reinstall only when the requirement files change (stamp files inside .venv).
$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-test.txt
	@touch $@

install: $(RUNTIME_STAMP)

install-test: $(TEST_STAMP)

# Playwright cannot download its own browser here; the browser tests drive
# Debian's chromium. Installed automatically only when running as root.
browser:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "browser: using $(CHROMIUM)"; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "browser: $(CHROMIUM) missing, installing Debian chromium"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core; \
	else \
		echo "browser: WARNING: $(CHROMIUM) not found and not running as root."; \
		echo "browser: the browser tests will be SKIPPED. To enable them run:"; \
		echo "browser:   sudo apt-get install -y chromium fonts-dejavu-core"; \
	fi

# --- app ----------------------------------------------------------------------

run: $(RUNTIME_STAMP)
	@if [ ! -f "$(SIAGA_DB)" ]; then \
		echo "run: $(SIAGA_DB) not found, building the demo database"; \
		mkdir -p "$(dir $(SIAGA_DB))"; \
		$(BIN)/python -m analytics demo --db "$(SIAGA_DB)"; \
	fi
	SIAGA_DB="$(SIAGA_DB)" $(BIN)/streamlit run app.py $(STREAMLIT_FLAGS)

# For editing: the serving profile of .streamlit/config.toml turns the file watcher and
# the per-run garbage collection off; here they are back on.
dev: $(RUNTIME_STAMP)
	@$(MAKE) --no-print-directory run STREAMLIT_FLAGS="--server.fileWatcherType auto --server.runOnSave true --runner.postScriptGC true"

bench: $(RUNTIME_STAMP)
	SIAGA_DB="$(SIAGA_DB)" $(BIN)/python -m analytics bench
	$(BIN)/python -m loadtest --streamlit-flags="$(STREAMLIT_FLAGS)"

# --- quality ------------------------------------------------------------------

test: $(TEST_STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Removes generated artifacts only; keeps .venv and the database.
clean:
	rm -rf tests/artifacts .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
