"""Scoring predictions against gold spans as ANNOTATION.md defines it.

strict: (start, end, label) equal; lenient: same label and overlapping offsets; value
accuracy: among strict matches, the share whose value equals gold (numbers within 1e-6
relative, recursively through dicts and lists).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORE_LABELS = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO")


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


@dataclass
class Report:
    per_label: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def micro(self, labels: Iterable[str] = CORE_LABELS) -> Counts:
        total = Counts()
        for label in labels:
            total.add(self.per_label[label])
        return total


def _key(span: Mapping[str, Any]) -> tuple[int, int, str]:
    return (int(span["start"]), int(span["end"]), str(span["label"]))


def score_document(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    report: Report,
    text: str = "",
    doc_id: str = "",
) -> None:
    """Add one document's counts to ``report``."""
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
            if g is not None:
                c.tp += 1
                if values_equal(p.get("value"), g.get("value")):
                    c.value_ok += 1
            if any(p["start"] < g2["end"] and g2["start"] < p["end"] for g2 in g_l):
                c.lenient_tp_pred += 1
            if g is None:
                report.false_positives.append(_context(p, text, doc_id))
        for g in g_l:
            if any(g["start"] < p2["end"] and p2["start"] < g["end"] for p2 in p_l):
                c.lenient_tp_gold += 1
            if _key(g) not in pred_by_key:
                c.fn += 1
                report.misses.append(_context(g, text, doc_id))
        c.fp = c.n_pred - c.tp


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
