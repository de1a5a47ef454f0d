"""Load ``dehusk/eval`` as a stand-alone package named ``dehusk_eval``.

The benchmark must run even when the library itself does not import (the core is work in
progress, or the interpreter — the CPython 3.12 venv of rs-trafilatura — lacks dehusk's
dependencies). Importing ``dehusk.eval`` would import ``dehusk/__init__.py`` and the whole
pipeline first; loading the folder under another name imports only the eval modules, which
are stdlib-only and use relative imports among themselves.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO_ROOT / "dehusk" / "eval"
PACKAGE = "dehusk_eval"


def load(module: str) -> ModuleType:
    """Import ``dehusk/eval/<module>.py`` as ``dehusk_eval.<module>`` and return it."""
    if PACKAGE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, EVAL_DIR / "__init__.py", submodule_search_locations=[str(EVAL_DIR)]
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {EVAL_DIR}")
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{PACKAGE}.{module}")
