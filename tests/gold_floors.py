"""Shared by the per-corpus floor tests: score a gold file with the extractor, check a floor."""

from __future__ import annotations

from pathlib import Path
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


# -- known failures per corpus ----------------------------------------------------------------
# A corpus's spans eduextract gets wrong today live in tests/data/known_failures/<corpus>.tsv,
# one per line: doc id, "miss" (a gold span not produced) or "extra" (a span produced that gold
# lacks), label, start, end, text.  The corpus tests assert that nothing outside the list goes
# wrong and run each listed line as xfail(strict=True): a fixed span fails the suite until its
# line is removed.  ``python -m tests.gold_floors`` rewrites the lists from a run.

KNOWN_DIR = ROOT / "tests" / "data" / "known_failures"
Difference = tuple[str, str, str, int, int, str]


def differences(extractor: Any, docs: list[dict[str, Any]]) -> set[Difference]:
    """Strict span differences (offsets and label) between gold and the extractor."""
    out: set[Difference] = set()
    for doc in docs:
        gold = {(s["label"], s["start"], s["end"]) for s in doc["spans"]}
        pred = {(s.label, s.start, s.end) for s in extractor.extract(doc["text"])}
        text = doc["text"]
        for kind, spans in (("miss", gold - pred), ("extra", pred - gold)):
            for label, start, end in spans:
                out.add((doc["id"], kind, label, start, end, text[start:end].replace("\n", " ")))
    return out


def load_known(corpus: str) -> list[Difference]:
    path = KNOWN_DIR / f"{corpus}.tsv"
    rows: list[Difference] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc_id, kind, label, start, end, text = line.split("\t")
            rows.append((doc_id, kind, label, int(start), int(end), text))
    return rows


def write_known(corpus: str, diffs: set[Difference]) -> None:
    header = (
        f"# Known failures on {corpus}: spans eduextract gets wrong today"
        " (see tests/gold_floors.py).\n"
        "# Source: a run of the test suite, kept by hand. Licence: as the corpus.\n"
        "# Format: doc id<TAB>miss|extra<TAB>label<TAB>start<TAB>end<TAB>text\n"
    )
    body = "".join("\t".join(map(str, d)) + "\n" for d in sorted(diffs))
    (KNOWN_DIR / f"{corpus}.tsv").write_text(header + body, encoding="utf-8")


CORPORA = {
    "gold_seeds": ROOT / "tests" / "data" / "gold_seeds.jsonl",
    "heldout_synthetic": ROOT / "tests" / "data" / "heldout_synthetic.jsonl",
    "heldout2": ROOT / "tests" / "data" / "heldout2.jsonl",
}


def load_corpus(corpus: str) -> list[dict[str, Any]]:
    import json

    with open(CORPORA[corpus], encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


if __name__ == "__main__":  # pragma: no cover - maintenance
    from eduextract import Extractor

    KNOWN_DIR.mkdir(exist_ok=True)
    ex = Extractor()
    for name in CORPORA:
        write_known(name, differences(ex, load_corpus(name)))
