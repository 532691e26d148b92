# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := seeds/000_a13e1db2e670e016.txt

.PHONY: install demo test lint seeds docs browser clean

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

browser:  ## Debian's chromium for the rendered-page test, where missing
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser test will be skipped outside CI"

test: $(VENV)/.test-deps lint browser  ## install test dependencies, run ruff and pytest
	$(BIN)/python -m pytest

$(VENV)/.docs-deps: pyproject.toml $(BIN)/quoteattr
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $@

docs: $(VENV)/.docs-deps  ## build the documentation site into site/ (strict)
	$(BIN)/mkdocs build --strict

seeds: install  ## regenerate the seed article's expected output
	$(BIN)/quoteattr extract $(SEED) --format json --output seeds/000_a13e1db2e670e016.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
