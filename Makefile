# rapport: `make run` loads the demo network, shows today's agenda and serves it in the browser at the address it
# prints (`make run serve=0`: the agenda only), `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= var/demo.db
lang ?= en
now ?=
serve ?= 1
host ?= 127.0.0.1
port ?= 8000
NOW_OPT := $(if $(now),--now $(now),)

.PHONY: run serve test lint typecheck bench mutation clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "rapport needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	@$(BIN)/python -m compileall -q src  # cached bytecode: the daily command starts faster
	@mkdir -p $(dir $(DEMO_DB))
	@$(BIN)/rapport --db $(DEMO_DB) --lang $(lang) $(NOW_OPT) demo --reset
	@$(BIN)/rapport --db $(DEMO_DB) --lang $(lang) $(NOW_OPT) today
	@echo
	@$(BIN)/rapport --db $(DEMO_DB) --lang $(lang) $(NOW_OPT) meet list
	@$(if $(filter-out 0 no false,$(serve)),$(BIN)/rapport --db $(DEMO_DB) --lang $(lang) $(NOW_OPT) serve --host $(host) --port $(port),true)

# The same as `make run` (kept for habit): the demo, its agenda, then the pages until Ctrl+C.
serve:
	@$(MAKE) --no-print-directory run serve=1

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# The suite on every core (TEST_JOBS=1 for one process); each test has its own store, so they run side by side.
TEST_JOBS ?= auto
test: lint typecheck
	$(BIN)/pytest -n $(TEST_JOBS)

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench --markdown docs/benchmarks.md

# Mutation testing of the rules and the agenda's services ([tool.mutmut] in pyproject.toml); slow, not part of
# `make test`. Results are kept in mutants/ (a re-run tests only what changed); see docs/mutation.md.
MUTATION_JOBS ?= 2
mutation: $(VENV)/.installed-dev
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python -m bench.mutation_score --recheck --jobs $(MUTATION_JOBS)

clean:
	rm -rf $(VENV) var mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis
