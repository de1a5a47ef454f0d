# dehusk — set-up, demo, tests and benchmark. Needs only Python >= 3.11, make and gcc.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   := examples/wcxb-demo-article.html.gz
TEXT_DEMO := tests/fixtures/text/kgou-npr-isis-defector.txt

.PHONY: demo test lint bench train clean

# The native walk (dehusk/_native) is built by the install: rebuild when its sources change.
$(STAMP): pyproject.toml setup.py $(wildcard dehusk/_native/*.pyx dehusk/_native/*.pxi dehusk/_native/*.pxd)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,train]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== dehusk extract $(DEMO) --format markdown"
	@$(VENV)/bin/dehusk extract $(DEMO) --format markdown
	@echo
	@echo "== dehusk extract --input-format text $(TEXT_DEMO) --format json (labels of every line)"
	@$(VENV)/bin/dehusk extract --input-format text $(TEXT_DEMO) --format json \
	  | $(PY) -c "import json,sys; a=json.loads(sys.stdin.read()); \
	print('title:', a['title']); print('authors:', a['authors'], ' original publisher:', a['original_publisher']); \
	[print(f\"{b['label']:>12} {'KEPT' if b['main'] else 'cut ':4} {b['text'][:70]}\") for b in a['blocks']]"

lint: $(STAMP)
	$(VENV)/bin/ruff check dehusk tests benchmarks
	$(VENV)/bin/ruff format --check dehusk tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

bench: $(STAMP)
	test -f bench-out/folds/folds.json || $(MAKE) train
	bash benchmarks/setup.sh
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)
	$(PY) benchmarks/textmode.py

# Rebuild the shipped weights from ../shared/bench-data/wcxb-dev, deterministically.
train: $(STAMP)
	$(PY) -m dehusk.eval.train
	$(PY) -m dehusk.eval.train_metadata
	$(PY) benchmarks/textmode_train.py

clean:
	rm -rf $(VENV) .venv-bench .venv-bench312 bench-out build *.egg-info
