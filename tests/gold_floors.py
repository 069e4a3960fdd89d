"""Shared by the per-corpus floor tests: score a gold file with the extractor, check a floor."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.scoring import Report, score_document

ROOT = Path(__file__).resolve().parents[1]


def score_docs(extractor: Any, docs: list[dict[str, Any]]) -> Report:
    rep = Report()
    for doc in docs:
        pred = [s.to_dict() for s in extractor.extract(doc["text"])]
        score_document(doc["spans"], pred, rep, doc["text"], doc["id"])
    return rep


def check_floor(report: Report, label: str, f1_floor: float, value_floor: float) -> None:
    """Assert the strict-F1 and value-accuracy floors, showing misses and false positives."""
    c = report.per_label[label]
    misses = [m["context"] for m in report.misses if m["label"] == label][:15]
    fps = [m["context"] for m in report.false_positives if m["label"] == label][:15]
    assert c.f1 >= f1_floor, f"{label} strict F1 {c.f1:.3f} < {f1_floor}\nmisses {misses}\nfp {fps}"
    assert c.value_accuracy >= value_floor, f"{label} value accuracy {c.value_accuracy:.3f}"


def build_heldout_module() -> ModuleType:
    """``scripts/build_heldout.py`` loaded as a module (scripts/ is not a package)."""
    script = ROOT / "scripts" / "build_heldout.py"
    spec = importlib.util.spec_from_file_location("build_heldout", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
