"""The real corpus and the ORG-only NER sets in ``python -m benchmarks``; docs blocks."""

from __future__ import annotations

import json

import pytest

from benchmarks import cli, report

TEXT = "教育部和东北大学共14个"
SPANS = [
    {"start": 0, "end": 3, "label": "ORG", "text": "教育部", "value": {"kind": "government"}},
    {"start": 4, "end": 8, "label": "ORG", "text": "东北大学", "value": {"kind": "university"}},
    {
        "start": 9,
        "end": 11,
        "label": "NUMBER",
        "text": "14",
        "value": {"value": 14, "approx": False},
    },
]


def _write(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")


@pytest.fixture
def dirs(tmp_path):
    real, ner = tmp_path / "real", tmp_path / "ner"
    real.mkdir()
    ner.mkdir()
    _write(
        real / "batch01.jsonl", [{"id": "r01-001", "kind": "notice", "text": TEXT, "spans": SPANS}]
    )
    _write(
        real / "batch02.jsonl",
        [
            {"id": "r02-001", "kind": "law", "text": TEXT, "spans": SPANS},
            {"id": "r02-002", "kind": "notice", "text": TEXT, "spans": SPANS[:1]},
        ],
    )
    (real / "scores.jsonl").write_text("")  # not a batch
    orgs = [{**s, "value": {"kind": "other"}} for s in SPANS[:2]]
    _write(
        ner / "toy_org.jsonl",
        [{"id": "n1", "text": TEXT, "spans": orgs, "labels_in_scope": ["ORG"]}],
    )
    return real, ner


def test_load_suites_merges_batches_and_keeps_ner_sets(dirs, tmp_path):
    real, ner = dirs
    suites = cli.load_suites([cli.DEFAULT_GOLD], None, real, ner)
    assert suites["real"]["kind"] == "real" and suites["real"]["batches"] == ["batch01", "batch02"]
    assert [d["batch"] for d in suites["real"]["docs"]] == ["batch01", "batch02", "batch02"]
    assert suites["real"]["n_spans"] == 7
    assert suites["toy_org"]["kind"] == "ner" and suites["toy_org"]["labels"] == ["ORG"]
    assert "real" not in cli.load_suites([cli.DEFAULT_GOLD], None, tmp_path / "none", None)


def test_run_scores_real_by_kind_and_batch_and_ner_for_org_tools_only(dirs, tmp_path, capsys):
    real, ner = dirs
    out = tmp_path / "out"
    args = ["--peer", "", "--real", str(real), "--ner", str(ner), "--no-speed", "--no-chart"]
    assert cli.main([*args, "--tools", "eduextract,cn2an", "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    acc = json.loads((out / "accuracy.json").read_text("utf-8"))["accuracy"]
    edu = acc["eduextract"]
    assert set(edu["real"]["by_kind"]) == {"law", "notice"}
    assert set(edu["real"]["by_batch"]) == {"batch01", "batch02"}
    assert edu["real"]["by_kind"]["notice"]["n_docs"] == 2
    assert edu["real"]["all"]["per_label"]["ORG"]["n_gold"] == 5
    assert edu["toy_org"]["all"]["labels"] == ["ORG"]  # NUMBER predictions ignored
    assert "toy_org" not in acc["cn2an"]  # cn2an cannot produce ORG
    assert "### Real corpus by document kind" in stdout and "### Real corpus by batch" in stdout
    assert "<!-- BEGIN org-comparison -->" in stdout and "| `toy_org` | eduextract |" in stdout
    assert "| `toy_org` | cn2an |" not in stdout


def test_update_blocks_rewrites_only_marked_blocks(monkeypatch, tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text(
        "# Benchmarks\n\nintro\n\n<!-- BEGIN org-comparison -->\nold\n<!-- END org-comparison -->\n"
        "\n<!-- BEGIN generalisation -->\ntable\n<!-- END generalisation -->\n\nother section\n",
        "utf-8",
    )
    monkeypatch.setattr(cli, "DOCS_PAGE", page)
    body = "\n".join(
        [
            "### not a block",
            *report.block("org-comparison", ["new"]),
            *report.block("real-corpus", ["real"]),
        ]
    )
    assert sorted(cli.update_blocks(body)) == ["org-comparison", "real-corpus"]
    text = page.read_text("utf-8")
    assert "old" not in text and "\nnew\n" in text and "table" in text
    assert "other section" in text and "not a block" not in text
    assert text.rstrip().endswith("<!-- END real-corpus -->")
    # a full rewrite keeps the blocks it does not produce, once
    kept = cli.kept_blocks(page, "\n".join(report.block("org-comparison", ["x"])))
    assert "table" in kept and "real" in kept and "new" not in kept
