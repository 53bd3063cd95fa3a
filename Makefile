# Shortcuts for developers; the scripts in tools/ do the work and need nothing but Python.
EXHIBIT ?= exhibits/recognition-1933

.PHONY: setup run run-headless test lint bench translations clean

setup:
	tools/setup

run:
	tools/run $(EXHIBIT) $(ARGS)

run-headless: setup
	xvfb-run -a -s '-screen 0 1920x1080x24' .venv/bin/kiosk run $(EXHIBIT) $(ARGS)

test:
	tools/test

lint: setup
	tools/lint

bench: setup
	.venv/bin/python -m tools.bench

translations: setup
	.venv/bin/python -m tools.translations

clean:
	rm -rf .venv .pytest_cache .ruff_cache .mypy_cache .hypothesis
