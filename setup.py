"""The native walk's build (everything else about the package is in pyproject.toml).

One Cython extension, ``dehusk._native.walk``, compiled against lexbor's headers vendored in
``dehusk/_native/vendor`` (struct layouts only: nothing links lexbor; selectolax's copy owns
the tree). setuptools passes ``CFLAGS``/``LDFLAGS`` from the environment to the compiler, so
a sanitizer build is ``CFLAGS='-fsanitize=address,undefined -g' LDFLAGS=-fsanitize=address,undefined pip install -e .``.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

WALK = Extension(
    "dehusk._native.walk",
    ["dehusk/_native/walk.pyx"],
    include_dirs=["dehusk/_native/vendor"],
)

setup(ext_modules=cythonize([WALK], compiler_directives={"language_level": 3}))
