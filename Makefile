# dehusk — set-up, demo, tests and benchmark. Needs only Python >= 3.11, make and gcc.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO   := examples/wcxb-demo-article.html.gz
TEXT_DEMO := tests/fixtures/text/kgou-npr-isis-defector.txt

.PHONY: demo test lint bench train clean browser fuzz

# Debian's Chromium for the web page's end-to-end tests (Playwright drives it; it never
# downloads a browser). Installed only when missing; CI runs as root on a fresh machine.
CHROMIUM := /usr/bin/chromium

# The install builds the native walk (dehusk/_native) and compiles the stages after it with
# mypyc (setup.py COMPILED): rebuild when any of their sources changes, or the stale shared
# libraries would shadow the edited .py files.
$(STAMP): pyproject.toml setup.py $(wildcard dehusk/_native/*.pyx dehusk/_native/*.pxi dehusk/_native/*.pxd) \
  $(wildcard dehusk/*.py dehusk/classify/*.py dehusk/metadata/*.py dehusk/render/*.py)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,train,service,batch]'
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

$(CHROMIUM):
	apt-get update && apt-get install -y chromium

browser: $(CHROMIUM)

test: lint browser
	$(PY) -m pytest

# `make bench`: both dev sets, every extractor (benchmarks/README.md). BENCH_EXTRA lists more
# benchmark scripts run after it, with BENCH_EXTRA_PY (default: those of them that exist).
BENCH_EXTRA ?= $(wildcard benchmarks/warc_bench.py)
BENCH_EXTRA_PY ?= .venv-bench/bin/python
bench: $(STAMP)
	test -f bench-out/folds/folds.json -a -f bench-out/folds/trained-on-dragnet.npz || $(MAKE) train
	bash benchmarks/setup.sh
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)
	.venv-bench/bin/python benchmarks/textmode.py $(TEXTMODE_ARGS)
	$(PY) benchmarks/charset_bench.py
	.venv-bench/bin/python benchmarks/charset_bench.py --only trafilatura
	$(PY) benchmarks/hostile_bench.py
	@set -e; for script in $(BENCH_EXTRA); do echo "== $$script"; $(BENCH_EXTRA_PY) $$script; done

# Coverage-guided fuzzing (atheris/libFuzzer), FUZZ_SECONDS per target; crashes land in
# fuzz/artifacts/ (keep each in fuzz/regressions/TARGET/ with a test-worthy name).
# The fuzzed dehusk lives in its own venv, .venv-fuzz, with the native walk compiled by
# Debian's clang with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# (-fsanitize=fuzzer-no-link); atheris' ASan runtime is preloaded. It is built from a copy of
# the sources (build/fuzz-src), so no sanitized object ever reaches .venv's in-place build.
# clang and its fuzzer runtime are installed only when missing.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= extract text warc
FUZZ_VENV := .venv-fuzz
FUZZ_PY := $(FUZZ_VENV)/bin/python
FUZZ_SAN := -fsanitize=address,undefined
# The copy is not editable: rebuild whenever any of its sources changes, Python ones too.
$(FUZZ_VENV)/.stamp: pyproject.toml setup.py $(shell git ls-files dehusk 2>/dev/null)
	command -v clang >/dev/null && test -d /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux || \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang libclang-rt-14-dev)
	rm -rf $(FUZZ_VENV) build/fuzz-src
	$(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_PY) -m pip install --quiet --upgrade pip 'setuptools>=77' wheel 'Cython>=3.0,<4' 'mypy==2.4.1'
	mkdir -p build/fuzz-src
	git ls-files -z -- dehusk pyproject.toml setup.py MANIFEST.in README.md | xargs -0 cp --parents -t build/fuzz-src
	CC=clang LDSHARED="clang -shared" CFLAGS="$(FUZZ_SAN),fuzzer-no-link -g -O1" \
	  LDFLAGS="$(FUZZ_SAN)" $(FUZZ_PY) -m pip install --quiet --no-build-isolation 'build/fuzz-src[batch,fuzz]'
	touch $@
fuzz: $(FUZZ_VENV)/.stamp
	mkdir -p fuzz/artifacts
	set -e; asan=$$($(FUZZ_PY) -c "import atheris; print(atheris.path())")/asan_with_fuzzer.so; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/artifacts/corpus-$$t && cp -n fuzz/corpus/$$t/* fuzz/artifacts/corpus-$$t/; \
	  (cd fuzz && LD_PRELOAD=$$asan ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=ubsan.supp \
	    ../$(FUZZ_PY) run.py $$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -timeout=60 -max_len=65536 -artifact_prefix=artifacts/$$t- artifacts/corpus-$$t \
	    ../fuzz/corpus/$$t) 2>&1 | tee fuzz/artifacts/$$t.log | grep -E "^#[0-9]+ +(INITED|DONE)|^Done|ERROR|Sanitizer|runtime error|Traceback" || true; \
	done
	@# A target that could not start (an import error) prints no "Done": that is a failure too.
	@for t in $(FUZZ_TARGETS); do grep -q "^Done [0-9]* runs" fuzz/artifacts/$$t.log || \
	  { echo "fuzz target $$t did not run: see fuzz/artifacts/$$t.log"; exit 1; }; done
	@! ls fuzz/artifacts/*-crash-* fuzz/artifacts/*-timeout-* fuzz/artifacts/*-oom-* 2>/dev/null

# Rebuild the shipped weights, deterministically: the block model from both dev sets; text
# mode's network from wcxb-dev alone (on both sets it lost 0.017 word-F1 out of fold on
# wcxb-dev for +0.034 on dragnet: docs/decisions.md).
train: $(STAMP)
	$(PY) -m dehusk.eval.train
	$(PY) -m dehusk.eval.train_metadata
	$(PY) benchmarks/textmode_train.py --sets wcxb-dev

clean:
	rm -rf $(VENV) .venv-bench .venv-bench312 $(FUZZ_VENV) bench-out build *.egg-info fuzz/artifacts
	find dehusk -name "*.so" -delete; rm -f dehusk/_native/stages.sources dehusk/_native/*.c
