"""eduextract: typed spans with offsets from Chinese government and education documents.

>>> from eduextract import extract
>>> [(s.label, s.text) for s in extract("新增普惠学位7091个，占比达到53%")]
[('NUMBER', '7091'), ('PERCENT', '53%')]

Importing this package loads no rules, no lexicon and no spaCy: the default extractor is
built on the first call to :func:`extract`.
"""

from __future__ import annotations

from .citation import Citation
from .extractor import (
    ExtractionError,
    Extractor,
    FailedDocument,
    citations,
    default_extractor,
    extract,
    facts,
)
from .fact import Change, Fact, facts_to_dataframe
from .render import render
from .span import LABELS, OFFSET_UNITS, Span

__all__ = [
    "LABELS",
    "OFFSET_UNITS",
    "Change",
    "Citation",
    "ExtractionError",
    "Extractor",
    "Fact",
    "FailedDocument",
    "Span",
    "__version__",
    "citations",
    "default_extractor",
    "extract",
    "facts",
    "facts_to_dataframe",
    "render",
]



def __getattr__(name: str) -> str:
    """``__version__`` comes from the installed distribution's metadata (pyproject.toml is
    its one source), read on first use so that ``import eduextract`` stays light."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("eduextract")
        except PackageNotFoundError:  # a source tree used without installing it
            return "0+unknown"
    raise AttributeError(f"module 'eduextract' has no attribute {name!r}")
