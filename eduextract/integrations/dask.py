"""eduextract over a Dask bag of texts.

::

    import dask.bag as db
    from eduextract.integrations.dask import extract_bag
    texts = db.read_text("docs/*.txt", linedelimiter="\\f")   # or db.from_sequence(texts)
    spans = extract_bag(texts).compute()                        # one list of spans per text

The bag's tasks carry only the extractor's configuration; each worker process (or the
threads of the default scheduler) builds the extractor once.  ``records=True`` gives flat
dicts with the keys of the Spark structs (``value`` as a JSON string), ready for
``bag.flatten().to_dataframe()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..extractor import Extractor, check_text
from ..span import Span
from ._worker import extractor_state, require, span_record, worker_extractor

require("eduextract.integrations.dask", "dask", "dask.bag")

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag


def _extract_one(text: str, state: bytes) -> list[Span]:
    return worker_extractor(state).extract(check_text(text, "each element of the bag"))


def _records_one(text: str, state: bytes) -> list[dict[str, Any]]:
    return [span_record(s) for s in _extract_one(text, state)]


def extract_bag(
    bag: dask.bag.Bag,
    *,
    extractor: Extractor | None = None,
    labels: Iterable[str] | str | None = None,
    records: bool = False,
) -> dask.bag.Bag:
    """``bag.map`` of :meth:`Extractor.extract`: one list of spans (or records) per text."""
    state = extractor_state(extractor, labels)
    return bag.map(_records_one if records else _extract_one, state=state)
