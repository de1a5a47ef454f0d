# dehusk — set-up, demo, tests and benchmark. Needs only Python >= 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   := examples/wcxb-demo-article.html.gz
TEXT_DEMO := ../shared/examples/kgou-npr-isis-defector.txt

.PHONY: demo test lint bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== dehusk extract $(DEMO) --format markdown"
	@$(VENV)/bin/dehusk extract $(DEMO) --format markdown

lint: $(STAMP)
	$(VENV)/bin/ruff check dehusk tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

bench: $(STAMP)
	bash benchmarks/setup.sh
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv-bench .venv-bench312 bench-out build *.egg-info
