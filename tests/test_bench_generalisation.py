"""The generalisation table: built from scores.jsonl for whatever batches exist, rerunnable."""

from __future__ import annotations

import json

import pytest

from benchmarks import generalisation as gen
from benchmarks.scoring import ALL_LABELS


def _score(batches, mode, micro, commit="abc1234", **per_label):
    rec = {"batches": batches, "mode": mode, "commit": commit, "date": "2026-12-04", "docs": 3}
    for label in ALL_LABELS:
        n, f1 = per_label.get(label, (0, 1.0))
        rec[label] = {"n": n, "p": f1, "r": f1, "f1": f1, "value_acc": 1.0}
    rec["micro"] = {"n": 10, "p": micro, "r": micro, "f1": micro, "value_acc": 1.0}
    return rec


@pytest.fixture
def corpus(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    doc = {"id": "r07-001", "text": "教育部", "spans": [{"start": 0, "end": 3, "label": "ORG"}]}
    (real / "batch07.jsonl").write_text(json.dumps(doc) + "\n" + json.dumps(doc) + "\n")
    (real / "batch08.jsonl").write_text(json.dumps({**doc, "spans": []}) + "\n")
    lines = [
        _score(["batch07"], "blind", 0.8, ORG=(5, 0.5), NUMBER=(5, 0.9)),
        _score(["batch09"], "blind", 0.7, ORG=(4, 0.25)),  # batch on another branch
        _score(["batch07"], "after", 0.85),
        _score(["batch07"], "blind", 0.99, commit="later00"),  # a blind line is never replaced
        _score(["batch07"], "after", 0.9),
    ]
    scores = real / "scores.jsonl"
    scores.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return real, scores


def test_rows_take_the_first_blind_and_the_latest_after(corpus):
    real, scores = corpus
    rows = {r["batch"]: r for r in gen.rows(gen.load_scores(scores), gen.batch_sizes(real))}
    assert set(rows) == {"batch07", "batch08", "batch09"}
    assert rows["batch07"]["blind"]["commit"] == "abc1234"
    assert rows["batch07"]["after"]["micro"]["f1"] == 0.9
    assert (rows["batch07"]["docs"], rows["batch07"]["spans"]) == (2, 2)
    assert rows["batch08"]["blind"] is None and rows["batch08"]["docs"] == 1
    assert rows["batch09"]["docs"] == 3 and rows["batch09"]["spans"] == 4  # from its record


def test_markdown_has_one_row_per_batch_and_dashes_for_missing(corpus):
    real, scores = corpus
    md = gen.markdown(gen.rows(gen.load_scores(scores), gen.batch_sizes(real)))
    lines = [ln for ln in md.splitlines() if ln.startswith("| batch0")]
    assert len(lines) == 3
    b07 = lines[0].split(" | ")
    assert b07[0] == "| batch07 (`abc1234`)" and b07[3] == "0.800"
    assert b07[4] == "0.900" and b07[8] == "0.500"  # NUMBER, ORG
    assert b07[6] == "—"  # no PERCENT gold: no F1 shown
    assert lines[0].endswith("| 0.900 |")
    assert lines[1].startswith("| batch08 | 1 | 0 | — |")


def test_write_docs_rewrites_only_its_block_and_is_idempotent(corpus, tmp_path):
    real, scores = corpus
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nkept text\n")
    args = ["--scores", str(scores), "--real", str(real), "--docs", str(page), "--write-docs"]
    assert gen.main(args) == 0
    once = page.read_text()
    assert once.startswith("# Benchmarks\n\nkept text\n") and gen.BEGIN in once
    assert gen.main(args) == 0
    assert page.read_text() == once
    page.write_text(once + "\ntrailing section\n")
    assert gen.main(args) == 0
    assert (
        page.read_text().endswith("trailing section\n") and page.read_text().count(gen.BEGIN) == 1
    )


def test_a_bad_score_line_is_named(tmp_path):
    bad = tmp_path / "scores.jsonl"
    bad.write_text('{"batches": ["batch01"], "mode": "blind"}\nnot json\n')
    with pytest.raises(ValueError, match=r"scores.jsonl:2"):
        gen.load_scores(bad)


def test_the_shipped_scores_make_a_table():
    md = gen.markdown(gen.rows(gen.load_scores(), gen.batch_sizes()))
    for path in sorted(gen.REAL.glob("batch[0-9]*.jsonl")):
        assert f"| {path.stem}" in md
