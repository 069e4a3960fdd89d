"""Construction options of an :class:`~eduextract.Extractor`, kept picklable.

An ``Extractor`` is rebuilt from its ``Config`` in worker processes (``pipe(n_process=…)``,
Spark, Dask), so everything a recognizer needs to build itself must be in here and be plain
data: paths, names, flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    #: user gazetteer files (CSV or JSONL rows: name, kind, canonical, aliases, id) for ORG
    gazetteers: tuple[Path, ...] = ()
    #: recognizer names (see ``eduextract.recognizers.REGISTRY``) to leave out
    disabled: frozenset[str] = field(default_factory=frozenset)
    #: user rule files (same format as ``rules/*.toml``): numeric and ``_BLOCK`` rules
    rules: tuple[Path, ...] = ()
