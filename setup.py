"""The native build (everything else about the package is in pyproject.toml).

Two kinds of compiled code, both built by ``pip install .`` with the machine's gcc:

- ``dehusk._native.walk``: the Cython pass over lexbor's tree, compiled against lexbor's
  headers vendored in ``dehusk/_native/vendor`` (struct layouts only: nothing links lexbor;
  selectolax's copy owns the tree).
- ``COMPILED``: the stages after the walk (classify, metadata, dedupe, render and the data
  contract they pass along), compiled from their own typed Python sources by mypyc into
  one extension, ``dehusk._native.stages__mypyc``, with a small shim per module. The same
  source is the one implementation: mypyc turns its type annotations into C types and
  checks them at run time (docs/decisions.md, "Session 15: the stages compiled by mypyc").

setuptools passes ``CFLAGS``/``LDFLAGS`` from the environment to the compiler, so a sanitizer
build is ``CFLAGS='-fsanitize=address,undefined -g' LDFLAGS=-fsanitize=address,undefined
pip install -e .``.
"""

import hashlib
from pathlib import Path

from Cython.Build import cythonize
from mypyc.build import mypycify
from setuptools import Extension, setup

WALK = Extension(
    "dehusk._native.walk",
    ["dehusk/_native/walk.pyx"],
    include_dirs=["dehusk/_native/vendor"],
)

#: Interpreted, with the reason (and every package's ``__init__``: a compiled one, whose
#: shared library lives in ``dehusk/_native``, would give its package the wrong
#: ``__path__``): mypyc compiles no generic dataclass (``metadata.rank``'s
#: ``Candidate``, ``metadata.order``'s ``Rule``) and no class defined in a function
#: (``metadata.language``'s identifier); the rest of the package (CLI, batch, service,
#: sources, eval, text mode) spends its time elsewhere. ``pipeline`` only calls the stages,
#: a dozen calls a page, and ``make bench`` times each stage by replacing the functions its
#: module globals name (``dehusk.eval.stages``): a compiled caller would call them directly.
INTERPRETED = (
    "dehusk/metadata/rank.py",
    "dehusk/metadata/order.py",
    "dehusk/metadata/language.py",
    "dehusk/pipeline.py",
)
#: The per-page Python of ``extract()`` after the native walk.
COMPILED = sorted(
    str(p)
    for pattern in (
        "dehusk/article.py",
        "dehusk/evidence.py",
        "dehusk/urls.py",
        "dehusk/credits.py",
        "dehusk/dedupe.py",
        "dehusk/classify/*.py",
        "dehusk/metadata/*.py",
        "dehusk/render/*.py",
    )
    for p in Path().glob(pattern)
    if str(p) not in INTERPRETED and p.name != "__init__.py"
)

#: A module left interpreted keeps no shared library from an earlier in-place build beside
#: its ``.py``: the loader would prefer the stale library.
for _library in Path("dehusk").rglob("*.cpython-*.so"):
    _source = _library.with_name(_library.name.split(".")[0] + ".py")
    if _source.exists() and str(_source) not in COMPILED:
        _library.unlink()

#: What this build compiled, a line ``sha256  path`` per source: tests/conftest.py rehashes
#: them and stops the run when an edited source would be shadowed by its stale shared library
#: (an in-place build loads the ``.so`` before the ``.py`` beside it).
SOURCES_RECORD = Path("dehusk/_native/stages.sources")
SOURCES_RECORD.write_text(
    "".join(f"{hashlib.sha256(Path(p).read_bytes()).hexdigest()}  {p}\n" for p in COMPILED)
)

setup(
    ext_modules=[
        *cythonize([WALK], compiler_directives={"language_level": 3}),
        *mypycify(COMPILED, opt_level="3", group_name="dehusk._native.stages"),
    ]
)
