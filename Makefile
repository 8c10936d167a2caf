# SIAGA — developer and CI entry points (GNU make).
#
#   make run    install runtime deps, build a demo DB if none exists, start Streamlit
#   make dev    the same, reloading on code changes (file watcher on)
#   make test   install test deps (+ Debian chromium, nginx, openssl when root), ruff, pytest
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

# Playwright cannot download its own browser here; the browser tests drive Debian's
# chromium. The proxy test (tests/browser/test_proxy_browser.py) runs Debian's nginx with
# its own config and ports, and openssl for a throwaway certificate. What is missing is
# installed automatically only when running as root. The package's own nginx service is
# never started (a policy-rc.d that refuses service starts is in place during the install,
# as in Debian's container images) and, when this target installed nginx, not enabled at
# boot either: it is a test tool here, not the production proxy (docs/deploy.md).
browser:
	@missing=""; \
	if [ ! -x "$(CHROMIUM)" ]; then missing="$$missing chromium fonts-dejavu-core"; fi; \
	if ! PATH="$$PATH:/usr/sbin:/sbin" command -v nginx >/dev/null 2>&1; then missing="$$missing nginx"; fi; \
	if ! command -v openssl >/dev/null 2>&1; then missing="$$missing openssl"; fi; \
	if [ -z "$$missing" ]; then \
		echo "browser: using $(CHROMIUM) and $$(PATH="$$PATH:/usr/sbin:/sbin" command -v nginx)"; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "browser: installing Debian packages:$$missing"; \
		policy=/usr/sbin/policy-rc.d; made_policy=""; \
		if [ ! -e "$$policy" ]; then \
			printf '#!/bin/sh\n# written by SIAGA make browser: no service starts during apt-get\nexit 101\n' > "$$policy"; \
			chmod 755 "$$policy"; made_policy=1; trap 'rm -f "$$policy"' EXIT; \
		fi; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
		status=$$?; \
		if [ -n "$$made_policy" ]; then rm -f "$$policy"; fi; \
		if [ $$status -eq 0 ] && case "$$missing" in *nginx*) true;; *) false;; esac; then \
			if command -v deb-systemd-helper >/dev/null 2>&1; then deb-systemd-helper disable nginx.service >/dev/null 2>&1 || true; fi; \
			if command -v update-rc.d >/dev/null 2>&1; then update-rc.d nginx disable >/dev/null 2>&1 || true; fi; \
			echo "browser: nginx installed as a test tool; its system service is not started or enabled"; \
		fi; \
		exit $$status; \
	else \
		echo "browser: WARNING: not running as root, cannot install:$$missing"; \
		echo "browser: the browser tests that need them will be SKIPPED. To enable them run:"; \
		echo "browser:   sudo apt-get install -y$$missing"; \
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
