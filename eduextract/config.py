"""Construction options of an :class:`~eduextract.Extractor`, kept picklable.

An ``Extractor`` is rebuilt from its ``Config`` in worker processes (``pipe(n_process=…)``,
Spark, Dask), so everything a recognizer needs to build itself must be in here and be plain
data: paths, names, flags, and the user gazetteers' content (read once, when the ``Config``
is made, so no worker depends on the files).
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
    #: user rule files (same format as ``rules/*.toml``): numeric and ``_BLOCK`` rules
    rules: tuple[Path, ...] = ()
    #: the content of ``gazetteers``, read when this ``Config`` is made (by ``Extractor(...)``):
    #: copies and workers use this snapshot, never the files; equality and repr go by paths
    user: UserGazetteers | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.gazetteers and self.user is None:
            from .org_lexicon import UserGazetteers  # light, but only needed with gazetteers

            object.__setattr__(self, "user", UserGazetteers.load(self.gazetteers))
