"""Scoring predictions against gold spans as ANNOTATION.md defines it.

strict: (start, end, label) equal; lenient: same label and overlapping offsets; value
accuracy: among strict matches, the share whose value equals gold (numbers within 1e-6
relative, recursively through dicts and lists).

Peer suites add three things the scorer must respect, or a tool is punished for spans the
gold never looked at: ``labels_in_scope`` (the gold is complete only for those labels, so
predictions of other labels are ignored), the ``convention_diff`` / ``guideline_silent`` flags
that define the ``compatible`` and ``clean`` subsets, and ``whole_string`` (the whole line is
one span, so the line is right only if the tool returns exactly that span with its value).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORE_LABELS = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO")
ALL_LABELS = (*CORE_LABELS, "DATE")

#: subset name -> predicate on a gold line; see tests/data/peer/README.md.
SUBSETS: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "all": lambda doc: True,
    "compatible": lambda doc: not doc.get("convention_diff", False),
    "clean": lambda doc: (
        not doc.get("convention_diff", False) and not doc.get("guideline_silent", False)
    ),
}


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def values_equal(pred: Any, gold: Any) -> bool:
    if isinstance(gold, bool) or isinstance(pred, bool):
        return pred is gold or pred == gold
    if isinstance(gold, int | float) and isinstance(pred, int | float):
        if gold == 0:
            return abs(pred) <= 1e-9
        return math.isclose(pred, gold, rel_tol=1e-6)
    if isinstance(gold, Mapping) and isinstance(pred, Mapping):
        return all(k in pred and values_equal(pred[k], v) for k, v in gold.items())
    if isinstance(gold, list | tuple) and isinstance(pred, list | tuple):
        return len(gold) == len(pred) and all(map(values_equal, pred, gold))
    return bool(pred == gold)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_tp_pred: int = 0
    lenient_tp_gold: int = 0
    n_pred: int = 0
    n_gold: int = 0
    value_ok: int = 0

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else (1.0 if not self.n_pred else 0.0)

    @property
    def f1(self) -> float:
        return self._f(self.precision, self.recall)

    @property
    def lenient_precision(self) -> float:
        return self.lenient_tp_pred / self.n_pred if self.n_pred else float(not self.n_gold)

    @property
    def lenient_recall(self) -> float:
        return self.lenient_tp_gold / self.n_gold if self.n_gold else float(not self.n_pred)

    @property
    def lenient_f1(self) -> float:
        return self._f(self.lenient_precision, self.lenient_recall)

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.tp if self.tp else 1.0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        """Raw counts plus the derived rates, rounded for JSON readers."""
        out: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for name in (
            "precision",
            "recall",
            "f1",
            "lenient_precision",
            "lenient_recall",
            "lenient_f1",
            "value_accuracy",
        ):
            out[name] = round(getattr(self, name), 4)
        return out


@dataclass
class SourceCounts:
    """How many spans one rule (``Span.source``) produced and how many were strictly right."""

    label: str = ""
    n: int = 0
    tp: int = 0
    lenient_tp: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n if self.n else 0.0

    @property
    def lenient_precision(self) -> float:
        return self.lenient_tp / self.n if self.n else 0.0


@dataclass
class WholeStringCounts:
    """Lines whose whole text is one gold span: right only if that is the only prediction."""

    n: int = 0
    exact: int = 0
    value_ok: int = 0

    @property
    def accuracy(self) -> float:
        return self.exact / self.n if self.n else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.n if self.n else 1.0


@dataclass
class Report:
    per_label: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    per_source: dict[str, SourceCounts] = field(default_factory=lambda: defaultdict(SourceCounts))
    whole_string: WholeStringCounts = field(default_factory=WholeStringCounts)
    n_docs: int = 0
    #: labels some document's gold is complete for (None: every label, as in the seed gold)
    scope: set[str] = field(default_factory=set)

    def micro(self, labels: Iterable[str] = CORE_LABELS) -> Counts:
        total = Counts()
        for label in labels:
            total.add(self.per_label[label])
        return total

    def scored_labels(self) -> list[str]:
        """Labels with gold or predictions, in ANNOTATION.md order."""
        present = {k for k, c in self.per_label.items() if c.n_gold or c.n_pred}
        order = {label: i for i, label in enumerate(ALL_LABELS)}
        return sorted(present | (self.scope & set(ALL_LABELS)), key=lambda x: order.get(x, 99))

    def to_dict(self, max_errors: int | None = None) -> dict[str, Any]:
        labels = self.scored_labels()
        core = [x for x in labels if x in CORE_LABELS]
        return {
            "n_docs": self.n_docs,
            "labels": labels,
            "per_label": {k: self.per_label[k].to_dict() for k in labels},
            "micro_core": self.micro().to_dict(),
            "micro_scored": self.micro(core).to_dict(),
            "per_source": {
                k: {
                    "label": v.label,
                    "n": v.n,
                    "tp": v.tp,
                    "precision": round(v.precision, 4),
                    "lenient_precision": round(v.lenient_precision, 4),
                }
                for k, v in sorted(self.per_source.items())
            },
            "whole_string": {
                "n": self.whole_string.n,
                "exact": self.whole_string.exact,
                "value_ok": self.whole_string.value_ok,
                "accuracy": round(self.whole_string.accuracy, 4),
            },
            "false_positives": self.false_positives[:max_errors],
            "misses": self.misses[:max_errors],
        }


def _key(span: Mapping[str, Any]) -> tuple[int, int, str]:
    return (int(span["start"]), int(span["end"]), str(span["label"]))


def score_document(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    report: Report,
    text: str = "",
    doc_id: str = "",
    *,
    labels_in_scope: Iterable[str] | None = None,
    whole_string: bool = False,
) -> None:
    """Add one document's counts to ``report``.

    ``labels_in_scope``: the gold is complete only for these labels; gold and predicted spans
    of other labels are left out.  ``whole_string``: the line is also counted in
    ``report.whole_string``, exact when the in-scope predictions are exactly the gold spans.
    """
    scope = set(labels_in_scope) if labels_in_scope is not None else None
    if scope is not None:
        gold = [g for g in gold if g["label"] in scope]
        pred = [p for p in pred if p["label"] in scope]
        report.scope |= scope
    report.n_docs += 1
    gold_by_key = {_key(g): g for g in gold}
    pred_by_key = {_key(p): p for p in pred}
    for label in {k[2] for k in gold_by_key} | {k[2] for k in pred_by_key}:
        c = report.per_label[label]
        g_l = [g for k, g in gold_by_key.items() if k[2] == label]
        p_l = [p for k, p in pred_by_key.items() if k[2] == label]
        c.n_gold += len(g_l)
        c.n_pred += len(p_l)
        for p in p_l:
            g = gold_by_key.get(_key(p))
            src = report.per_source[str(p.get("source") or "?")]
            src.label = label
            src.n += 1
            if g is not None:
                c.tp += 1
                src.tp += 1
                if values_equal(p.get("value"), g.get("value")):
                    c.value_ok += 1
            if any(p["start"] < g2["end"] and g2["start"] < p["end"] for g2 in g_l):
                c.lenient_tp_pred += 1
                src.lenient_tp += 1
            if g is None:
                report.false_positives.append(_context(p, text, doc_id))
        for g in g_l:
            if any(g["start"] < p2["end"] and p2["start"] < g["end"] for p2 in p_l):
                c.lenient_tp_gold += 1
            if _key(g) not in pred_by_key:
                c.fn += 1
                report.misses.append(_context(g, text, doc_id))
        c.fp = c.n_pred - c.tp
    if whole_string:
        ws = report.whole_string
        ws.n += 1
        if set(gold_by_key) == set(pred_by_key):
            ws.exact += 1
            if all(
                values_equal(pred_by_key[k].get("value"), g.get("value"))
                for k, g in gold_by_key.items()
            ):
                ws.value_ok += 1


def score_suite(
    docs: Sequence[Mapping[str, Any]],
    predictions: Callable[[str], Sequence[Mapping[str, Any]]]
    | Sequence[Sequence[Mapping[str, Any]]],
    subset: str = "all",
    report: Report | None = None,
) -> Report:
    """Score every gold line of ``subset``, honouring the peer-suite fields.

    ``predictions`` is either a function from text to spans or one span list per line of
    ``docs`` (so a slow tool runs once and is scored on all three subsets).
    """
    keep = SUBSETS[subset]
    report = report if report is not None else Report()
    for i, doc in enumerate(docs):
        if not keep(doc):
            continue
        pred = predictions(doc["text"]) if callable(predictions) else predictions[i]
        score_document(
            doc["spans"],
            pred,
            report,
            doc["text"],
            str(doc.get("id", i)),
            labels_in_scope=doc.get("labels_in_scope"),
            whole_string=bool(doc.get("whole_string", False)),
        )
    return report


def _context(span: Mapping[str, Any], text: str, doc_id: str, width: int = 12) -> dict[str, Any]:
    s, e = int(span["start"]), int(span["end"])
    return {
        "doc": doc_id,
        "label": span["label"],
        "text": span.get("text", text[s:e]),
        "start": s,
        "end": e,
        "context": text[max(0, s - width) : s] + "[" + text[s:e] + "]" + text[e : e + width],
        "value": span.get("value"),
        "source": span.get("source"),
    }
