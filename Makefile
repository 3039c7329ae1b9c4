# Everything installs into .venv from the pinned requirements; nothing relies on what is on the
# machine beyond Python 3.11+, git and make (and apt-get, as root or with sudo, for Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
CHROMIUM := /usr/bin/chromium

.PHONY: serve site validate test bench browser pins clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## serve: build the site and serve it at http://127.0.0.1:8000/catalogue/ with live reload
serve: $(RUNTIME)
	$(BIN)/mkdocs serve --livereload

## site: build the static site into site/
site: $(RUNTIME)
	$(BIN)/mkdocs build --strict

## validate: check every catalogue record (or FILES="a.yaml b.yaml")
validate: $(RUNTIME)
	$(BIN)/microcred validate $(FILES)

## browser: Chromium from Debian's packages, for the browser tests
browser:
	@test -x $(CHROMIUM) || bash .ci/install-chromium

## test: every test, browser tests included
test: $(DEV) browser
	$(BIN)/python -m pytest

## bench: speed and memory figures for BENCHMARKS.md
bench: $(DEV)
	$(BIN)/python benchmarks/run.py

## pins: re-pin requirements after changing dependencies in pyproject.toml
pins: $(DEV)
	$(BIN)/python scripts/pin.py

clean:
	rm -rf site bench-out .pytest_cache
