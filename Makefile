# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := seeds/000_a13e1db2e670e016.txt

.PHONY: install demo test lint seeds clean

$(BIN)/quoteattr: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install: $(BIN)/quoteattr

demo: install  ## set up .venv and attribute the seed article
	$(BIN)/quoteattr extract $(SEED)

$(VENV)/.test-deps: pyproject.toml $(BIN)/quoteattr
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .

test: $(VENV)/.test-deps lint  ## install test dependencies, run ruff and pytest
	$(BIN)/python -m pytest

seeds: install  ## regenerate the seed article's expected output
	$(BIN)/quoteattr extract $(SEED) --format json --output seeds/000_a13e1db2e670e016.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
