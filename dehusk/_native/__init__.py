"""Compiled parts of dehusk (Cython over lexbor's tree, built by the package's own build).

In: nothing at import. Out: ``walk`` — the one pass over a parsed page (see walk.pyx).
"""
