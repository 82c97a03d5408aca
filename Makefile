# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint docs docs-check bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet torch==2.13.0  # pinned CPU build first: never unpinned
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/superbounds demo

test: $(STAMP)
	$(BIN)/ruff check bounds proofs tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadgroup  # both cores; proof tests share one worker

docs: $(STAMP)
	$(BIN)/superbounds docs

docs-check: $(STAMP)
	$(BIN)/superbounds docs --check

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
