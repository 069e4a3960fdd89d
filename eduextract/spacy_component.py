"""The spaCy pipeline component ``eduextract`` (``nlp.add_pipe("eduextract")``).

It is registered twice on purpose: through the ``spacy_factories`` entry point, so an installed
eduextract needs no import at all, and by importing this module, so a source checkout (or a
pipeline loaded with :func:`spacy.load` before anything imported eduextract) works too.
Importing :mod:`eduextract` itself never imports spaCy; only this module does.

Where the spans go
    Every span is stored in ``doc.spans[spans_key]`` (default ``"eduextract"``) and, unless it
    overlaps an entity already present, in ``doc.ents``; with ``overwrite_ents=True`` our spans
    replace the entities they overlap (the policy of spaCy's own ``entity_ruler``).  The value
    of ANNOTATION.md is ``span._.eduextract_value`` and the rule that produced it
    ``span._.eduextract_source``.

Token boundaries
    eduextract works on characters and a Chinese segmenter may put a boundary elsewhere (jieba
    makes ``7091个`` one token, a small pkuseg model cuts ``7091`` into ``70|91``).  A span is never
    dropped for that.  With ``alignment="split"`` (the default) the tokens that a span boundary
    cuts through are split with the retokenizer, so every spaCy span has exactly the offsets,
    text and value eduextract found.  With ``alignment="expand"`` the tokens are left alone and
    the span grows to the enclosing tokens (``7091个`` becomes the NUMBER); use it when a later
    component needs the segmenter's tokens untouched, knowing the text is then wider than the
    value describes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from srsly.msgpack import msgpack_decoders, msgpack_encoders

from .extractor import Extractor
from .span import LABELS
from .span import Span as EduSpan

#: Label schemes: eduextract's own labels, or the OntoNotes names spaCy's trained pipelines use.
LABEL_SCHEMES: dict[str, dict[str, str]] = {
    "native": {label: label for label in LABELS},
    "ontonotes": {**{label: label for label in LABELS}, "NUMBER": "CARDINAL"},
}
ALIGNMENTS: tuple[str, ...] = ("split", "expand")

# spaCy serialises ``user_data`` (where ``span._.eduextract_value`` lives) with msgpack,
# whose integers stop at 64 bits: ``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=2)`` raised
# OverflowError for 投入99999999999999999999亿元.  msgpack hands an out-of-range integer to the
# registered encoders; these write it as a tagged decimal string and read it back as an int,
# in any process that imported this module (every process that runs the component has).
_BIG_INT_TAG = "__eduextract_int__"


def _encode_big_int(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, int) and not isinstance(obj, bool):
        return {_BIG_INT_TAG: str(obj)}
    return obj if chain is None else chain(obj)


def _decode_big_int(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and len(obj) == 1 and _BIG_INT_TAG in obj:
        return int(obj[_BIG_INT_TAG])
    return obj if chain is None else chain(obj)


msgpack_encoders.register("eduextract_big_int", func=_encode_big_int)
msgpack_decoders.register("eduextract_big_int", func=_decode_big_int)

# Namespaced: ``span._.value`` was a generic name another component may claim (each would
# silently overwrite the other); ``eduextract_value`` cannot clash.
if not Span.has_extension("eduextract_value"):
    Span.set_extension("eduextract_value", default=None)
if not Span.has_extension("eduextract_source"):
    Span.set_extension("eduextract_source", default=None)

#: the spans of the component's one extraction, kept as plain lists in ``doc.user_data`` (so
#: ``Doc.to_bytes`` still works); the fact and citation getters build on them only when read
_FOUND_KEY = "eduextract_found"


def _found(doc: Doc) -> list[EduSpan]:
    rows = doc.user_data.get(_FOUND_KEY)
    if rows is None:
        raise ValueError("doc._.eduextract_facts needs the eduextract component in the pipeline")
    return [EduSpan(*row) for row in rows]


def _facts_getter(doc: Doc) -> list[Any]:
    from .fact import facts_from_spans

    return facts_from_spans(doc.text, _found(doc))


def _citations_getter(doc: Doc) -> list[Any]:
    from .citation import citations_from_spans

    return citations_from_spans(doc.text, _found(doc))


if not Doc.has_extension("eduextract_facts"):
    Doc.set_extension("eduextract_facts", getter=_facts_getter)
if not Doc.has_extension("eduextract_citations"):
    Doc.set_extension("eduextract_citations", getter=_citations_getter)


class EduExtractComponent:
    """Runs an :class:`~eduextract.Extractor` on ``doc.text`` and writes spaCy spans."""

    def __init__(
        self,
        nlp: Language,
        name: str = "eduextract",
        *,
        labels: Sequence[str] | None = None,
        label_scheme: str = "native",
        alignment: str = "split",
        spans_key: str = "eduextract",
        overwrite_ents: bool = False,
        gazetteers: Sequence[str] = (),
        disabled: Sequence[str] = (),
    ) -> None:
        if label_scheme not in LABEL_SCHEMES:
            raise ValueError(
                f"unknown label_scheme {label_scheme!r}; use one of {', '.join(LABEL_SCHEMES)}"
            )
        if alignment not in ALIGNMENTS:
            raise ValueError(f"unknown alignment {alignment!r}; use one of {', '.join(ALIGNMENTS)}")
        self.name = name
        self.extractor = Extractor(labels, gazetteers=list(gazetteers), disabled=list(disabled))
        self.label_map = LABEL_SCHEMES[label_scheme]
        self.alignment = alignment
        self.spans_key = spans_key
        self.overwrite_ents = overwrite_ents

    @property
    def labels(self) -> tuple[str, ...]:
        wanted = self.extractor.labels
        return tuple(self.label_map[label] for label in LABELS if wanted is None or label in wanted)

    def __call__(self, doc: Doc) -> Doc:
        found = self.extractor.extract(doc.text)
        doc.user_data[_FOUND_KEY] = [
            [s.start, s.end, s.label, s.text, s.value, s.source] for s in found
        ]
        if self.alignment == "split":
            _split_at_boundaries(doc, found)
        spans = list(self._to_spacy(doc, found))
        doc.spans[self.spans_key] = spans
        self._set_ents(doc, spans)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def _to_spacy(self, doc: Doc, found: Iterable[EduSpan]) -> Iterator[Span]:
        for edu in found:
            label = self.label_map[edu.label]
            span = doc.char_span(edu.start, edu.end, label=label, alignment_mode="strict")
            if span is None:
                # "split" left a boundary inside a token only where it falls on whitespace
                # that spaCy keeps outside tokens; "expand" is the honest fallback there.
                span = doc.char_span(edu.start, edu.end, label=label, alignment_mode="expand")
            if span is None:  # pragma: no cover - only a whitespace-only span could get here
                raise ValueError(f"cannot align {edu!r} with the tokens of the document")
            span._.eduextract_value = edu.value
            span._.eduextract_source = edu.source
            yield span

    def _set_ents(self, doc: Doc, spans: list[Span]) -> None:
        ours = filter_spans(spans)  # non-overlapping already, unless "expand" made them so
        existing = list(doc.ents)
        # token occupancy keeps this linear in the length of the document
        if self.overwrite_ents:
            taken = _occupied(len(doc), ours)
            kept = [e for e in existing if not any(taken[e.start : e.end])]
            doc.ents = sorted(kept + ours, key=lambda s: s.start)
        else:
            taken = _occupied(len(doc), existing)
            added = [s for s in ours if not any(taken[s.start : s.end])]
            doc.ents = sorted(existing + added, key=lambda s: s.start)


def _occupied(length: int, spans: Iterable[Span]) -> bytearray:
    taken = bytearray(length)
    for span in spans:
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    return taken


def _split_at_boundaries(doc: Doc, found: Sequence[EduSpan]) -> None:
    """Split every token that a span start or end falls inside of."""
    cuts = sorted({offset for s in found for offset in (s.start, s.end)})
    if not cuts:
        return
    plans: list[tuple[Token, list[str]]] = []
    i = 0
    for token in doc:
        begin, end = token.idx, token.idx + len(token.text)
        while i < len(cuts) and cuts[i] <= begin:
            i += 1
        inner = []
        j = i
        while j < len(cuts) and cuts[j] < end:
            inner.append(cuts[j])
            j += 1
        if inner:
            edges = [begin, *inner, end]
            plans.append((token, [doc.text[a:b] for a, b in pairwise(edges)]))
    if not plans:
        return
    parsed = doc.has_annotation("DEP")
    with doc.retokenize() as retokenizer:
        for token, orths in plans:
            last = len(orths) - 1
            if parsed:
                # pieces hang off the last piece, which keeps the original token's head
                root: Any = token.head if token.head.i != token.i else (token, last)
                heads: list[Any] = [(token, last)] * last + [root]
            else:
                heads = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)


@Language.factory(
    "eduextract",
    default_config={
        "labels": None,
        "label_scheme": "native",
        "alignment": "split",
        "spans_key": "eduextract",
        "overwrite_ents": False,
        "gazetteers": [],
        "disabled": [],
    },
    assigns=["doc.ents", "doc.spans", "span._.eduextract_value"],
)
def make_eduextract(
    nlp: Language,
    name: str,
    labels: list[str] | None,
    label_scheme: str,
    alignment: str,
    spans_key: str,
    overwrite_ents: bool,
    gazetteers: list[str],
    disabled: list[str],
) -> EduExtractComponent:
    """Factory behind ``nlp.add_pipe("eduextract", config={...})``."""
    return EduExtractComponent(
        nlp,
        name,
        labels=labels,
        label_scheme=label_scheme,
        alignment=alignment,
        spans_key=spans_key,
        overwrite_ents=overwrite_ents,
        gazetteers=gazetteers,
        disabled=disabled,
    )
