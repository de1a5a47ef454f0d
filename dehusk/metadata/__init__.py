"""Metadata: the facts around the story (title, authors, dates, language, site, images).

``extract_metadata`` (``stage``) is the stage: the evidence gathered once (``evidence``),
then one module per field — ``headline`` (title), ``authorship`` (authors), ``published``
(published and modified), ``language`` — each with its sources, its order of trust as named
rules (``order.Rule``) and its chooser (``rank``). See docs/metadata.md.
"""

from dehusk.metadata.stage import MetaResult, extract_metadata

__all__ = ["MetaResult", "extract_metadata"]
