# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test bench lint schema templates clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

demo: install
	$(BIN)/omsorgspakke demo

test: install-test
	$(BIN)/python -m pytest

# make bench BENCH_ARGS=--quick for a short run; figures in bench/results.json, bench/RESULTS.md.
bench: install-test
	$(BIN)/python -m bench $(BENCH_ARGS)

# ruff and mypy, with the settings in pyproject.toml; CI runs this before the tests.
lint: install-test
	$(BIN)/python -m pip install --quiet -e ".[lint]"
	$(BIN)/ruff check .
	$(BIN)/mypy

schema: install
	$(BIN)/python -c "import json; from omsorgspakke_docs.domain.model import case_json_schema as s; \
	open('docs/case.schema.json', 'w').write(json.dumps(s(), ensure_ascii=False, indent=2) + '\n')"

templates: install-test
	$(BIN)/python tools/build_templates.py

clean:
	rm -rf demo build *.egg-info
