# objector: `make run` serves the app, `make test` runs every test, `make bench` measures speed.
# Each sets up what it needs: Debian packages (with sudo when not root), a virtual environment
# in .venv, the catalogs.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What WeasyPrint and the letters need from the system: Pango and HarfBuzz; fonts for every
# script a name can be written in (Noto: Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari,
# Thai; Noto CJK: Chinese, Japanese, Korean); ICU and a compiler to build PyICU, which sorts
# by CLDR's collation. The tests add a PDF toolkit, the browser that Playwright drives (never
# one Playwright downloads), Node.js for axe-core (Debian's npm only where no npm is
# installed: it conflicts with NodeSource's nodejs, which brings its own) and a calendar
# application (khal) to import the deadline reminders into.
RUN_PACKAGES  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
                 fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
                 libicu-dev pkg-config g++ python3-dev
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils chromium khal \
                 $(if $(shell command -v npm),,nodejs npm)

# The browser tests' JavaScript (axe-core), pinned in package-lock.json.
BROWSER_TESTS := tests/browser
AXE           := $(BROWSER_TESTS)/node_modules/axe-core/axe.min.js

PO_FILES := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test bench catalogs translations system-packages test-system-packages clean

run: system-packages $(VENV)/.installed catalogs
	$(BIN)/gunicorn --config python:webapp.gunicorn_conf --bind $(HOST):$(PORT) \
	    'webapp:create_app()'

test: test-system-packages $(VENV)/.installed-test catalogs $(AXE)
	$(BIN)/pytest $(PYTEST_ARGS)

# Not part of the tests: starts the server as `make run` does and writes bench/results.json.
bench: system-packages $(VENV)/.installed catalogs
	$(BIN)/python -m bench $(BENCH_ARGS)

# -- set-up ------------------------------------------------------------------------------
define install_missing
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed \
	    || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:" $$missing; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-packages:
	$(call install_missing,$(RUN_PACKAGES))

test-system-packages:
	$(call install_missing,$(TEST_PACKAGES))

$(VENV)/bin/python:
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || $(call install_missing,python3-venv)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet --editable .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

$(AXE): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json | test-system-packages
	cd $(BROWSER_TESTS) && npm ci --no-audit --no-fund
	touch $@

# -- translations ------------------------------------------------------------------------
catalogs: $(MO_FILES)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --domain messages --directory locales --locale $* --statistics

# Extract every string into locales/messages.pot and merge it into each language's catalog.
translations: $(VENV)/.installed
	$(BIN)/python -m letters.catalog locales/messages.pot
	$(BIN)/pybabel update --input-file locales/messages.pot --output-dir locales \
	    --domain messages --no-wrap --ignore-obsolete
	$(MAKE) catalogs

clean:
	rm -rf $(VENV) build *.egg-info $(BROWSER_TESTS)/node_modules test-artifacts
	find locales -name '*.mo' -delete
