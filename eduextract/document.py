"""What every recognizer receives: the input, its matching copy, and a shared scratchpad."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .normalize import normalize


@dataclass
class Document:
    """One text being processed.

    ``text`` is the user's input (offsets refer to it); ``norm`` is the one-to-one folded copy
    that patterns run on (same length, so indices are shared).  ``cache`` lets recognizers
    share document-level facts they derive once (the province a document names in full, the
    year it is about) without recomputing them per candidate.
    """

    text: str
    norm: str = ""
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.norm:
            self.norm = normalize(self.text)
