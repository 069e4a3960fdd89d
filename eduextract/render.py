"""Looking at results in a notebook without spaCy: :func:`render`.

``eduextract.render(text)`` returns an object that Jupyter displays as the text with coloured,
labelled spans (the value and the producing rule on hover), so ``import eduextract`` is enough
to inspect results.  Everything that comes from the document or from a value is HTML-escaped:
government pages are full of ``<`` and ``&`` and a value is arbitrary JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .span import Span

#: One colour per label, readable behind black text; unknown labels fall back to grey.
COLOURS: dict[str, str] = {
    "NUMBER": "#bfe1ff",
    "ORDINAL": "#d7c6ff",
    "PERCENT": "#ffd59e",
    "MONEY": "#b8f0b0",
    "ORG": "#ffb3c1",
    "DOCNO": "#f7f39a",
    "DATE": "#a8eee6",
}
_FALLBACK = "#dddddd"


def _coerce(span: Span | Mapping[str, Any], text: str) -> Span:
    """Accept a :class:`Span` or its ``to_dict()`` form (a JSONL row)."""
    if isinstance(span, Span):
        return span
    start, end = int(span["start"]), int(span["end"])
    return Span(start, end, str(span["label"]), text[start:end], span.get("value"),
                str(span.get("source", "")))


@dataclass(frozen=True)
class Rendered:
    """A text with its spans, shown as HTML by Jupyter and as bracketed text by ``repr``."""

    text: str
    spans: tuple[Span, ...]

    @property
    def html(self) -> str:
        import html  # here, not at module level: ``import eduextract`` stays light
        import json

        parts = ['<div class="eduextract" style="line-height:2.2;white-space:pre-wrap;'
                 'font-family:sans-serif">']
        cursor = 0
        for span in self.spans:
            if span.start < cursor:  # overlapping input: show the first, keep the text whole
                continue
            parts.append(html.escape(self.text[cursor : span.start]))
            colour = COLOURS.get(span.label, _FALLBACK)
            hover = f"{span.label} {json.dumps(span.value, ensure_ascii=False)}"
            if span.source:
                hover += f" ({span.source})"
            parts.append(
                f'<mark class="eduextract-span" data-label="{html.escape(span.label)}" '
                f'title="{html.escape(hover)}" style="background:{colour};padding:0.1em 0.3em;'
                f'border-radius:0.3em">{html.escape(span.text)}'
                f'<span style="font-size:0.7em;font-weight:bold;margin-left:0.3em">'
                f"{html.escape(span.label)}</span></mark>"
            )
            cursor = span.end
        parts.append(html.escape(self.text[cursor:]))
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        out, cursor = [], 0
        for span in self.spans:
            if span.start < cursor:
                continue
            out.append(self.text[cursor : span.start])
            out.append(f"[{span.text}]{span.label}")
            cursor = span.end
        out.append(self.text[cursor:])
        return "".join(out)


def render(
    text: Any,
    spans: Iterable[Span | Mapping[str, Any]] | None = None,
    labels: Iterable[str] | str | None = None,
) -> Rendered:
    """``text`` with ``spans`` (extracted with the default rules when not given) for display.

    ``spans`` may be :class:`Span` objects or their dict form as read from a JSONL file;
    ``text`` may also be an :class:`eduextract.export.Record`, which brings its own spans.
    """
    if not isinstance(text, str) and hasattr(text, "text") and hasattr(text, "spans"):
        text, spans = text.text, text.spans if spans is None else spans
    if spans is None:
        from .extractor import extract

        found = extract(text, labels)
    else:
        from .extractor import check_labels, check_text

        check_text(text)
        wanted = check_labels(labels)
        found = [_coerce(s, text) for s in spans]
        found = [s for s in found if wanted is None or s.label in wanted]
    return Rendered(text, tuple(sorted(found, key=lambda s: (s.start, -s.end))))
