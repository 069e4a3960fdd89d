"""Construction options of an :class:`~eduextract.Extractor`, kept picklable.

An ``Extractor`` is rebuilt from its ``Config`` in worker processes (``pipe(n_process=…)``,
Spark, Dask), so everything a recognizer needs to build itself must be in here and be plain
data: paths, names, flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .org_lexicon import UserGazetteers


@dataclass(frozen=True)
class Config:
    #: user gazetteer files (CSV or JSONL rows: name, kind, canonical, aliases, id) for ORG
    gazetteers: tuple[Path, ...] = ()
    #: recognizer names (see ``eduextract.recognizers.REGISTRY``) to leave out
    disabled: frozenset[str] = field(default_factory=frozenset)
    #: the content of ``gazetteers``, read once by ``Extractor(...)``: workers use this
    #: snapshot, never the files (equality and repr go by the paths)
    user: UserGazetteers | None = field(default=None, compare=False, repr=False)
