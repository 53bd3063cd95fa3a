# Every target sets up what it needs first, so a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXHIBIT ?= exhibits/recognition-1933
STAMP := $(VENV)/.installed

.PHONY: setup run run-headless validate test lint qmllint bench screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml tools/system-deps.sh
	tools/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/kiosk run $(EXHIBIT) $(ARGS)

run-headless: setup
	xvfb-run -a -s '-screen 0 1920x1080x24' $(BIN)/kiosk run $(EXHIBIT) $(ARGS)

validate: setup
	$(BIN)/kiosk validate exhibits/*/

lint: setup
	$(BIN)/ruff check kiosk tests tools
	$(BIN)/ruff format --check kiosk tests tools
	$(BIN)/lint-imports
	$(MAKE) qmllint

qmllint: setup
	$(BIN)/python tools/qmllint.py

test: setup lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m tools.bench

screenshots: setup
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
