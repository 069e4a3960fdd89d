"""The law-corpus ORG sample: deterministic by seed, judged file well-formed, Wilson interval."""

from __future__ import annotations

import subprocess

import pytest

from benchmarks import law_org_sample as las

LAWS = {
    "a/甲省教育条例.md": "# 甲省教育条例\n\n第一条 辽宁省人民政府和教育部负责。东北大学参加。\n",
    "a/乙市条例.md": "第二条 沈阳市教育局、辽宁省教育厅应当配合国务院。\n",
    "b/丙规定.md": "第三条 北京大学与清华大学、中国人民银行联合。\n",
    "b/丁办法.md": "第四条 财政部、教育部联合发文。最高人民法院另行规定。\n",
    "b/README.md": "教育部 not a law\n",
    "c/戊条例.md": "第五条 国家市场监督管理总局和公安部负责。\n",
}


@pytest.fixture(scope="module")
def laws(tmp_path_factory):
    repo = tmp_path_factory.mktemp("laws")
    for name, text in LAWS.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")

    def git(*args):
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=repo,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "laws")
    return repo / ".git", git("rev-parse", "HEAD")


def test_readmes_are_not_laws(laws):
    git_dir, commit = laws
    files = las.law_files(git_dir, commit)
    assert "b/README.md" not in files and len(files) == 5


def test_same_seed_same_sample_other_seed_other_sample(laws):
    git_dir, commit = laws
    one = las.draw(7, 4, 5, git_dir, commit)
    assert one == las.draw(7, 4, 5, git_dir, commit)
    others = [las.draw(seed, 4, 5, git_dir, commit) for seed in range(8, 14)]
    assert any(o != one for o in others)
    for row in one:
        text = LAWS[row["file"]]
        assert text[int(row["start"]) : int(row["end"])] == row["span"]
        assert row["judgement"] == "" and "\n" not in row["left"] + row["right"]
    assert [r["id"] for r in one] == ["L001", "L002", "L003", "L004", "L005"]


def test_too_small_a_pool_is_a_clear_error(laws):
    git_dir, commit = laws
    with pytest.raises(ValueError, match="ORG spans"):
        las.draw(1, 1, 50, git_dir, commit)
    with pytest.raises(ValueError, match="law files"):
        las.draw(1, 99, 1, git_dir, commit)


def test_tsv_round_trip_with_metadata(laws, tmp_path):
    git_dir, commit = laws
    rows = las.draw(3, 5, 6, git_dir, commit)
    rows[0]["judgement"], rows[0]["note"] = "wrong", "a note, with\\ backslash"
    path = tmp_path / "s.tsv"
    las.write_tsv(rows, path, {"seed": 3, "stage": "before ORG work"})
    assert las.read_meta(path) == {"seed": "3", "stage": "before ORG work"}
    back = las.read_tsv(path)
    assert [dict(r) for r in back] == [{k: str(v) for k, v in r.items()} for r in rows]


def test_sample_refuses_to_overwrite_judgements(laws, tmp_path):
    git_dir, commit = laws
    out = tmp_path / "s.tsv"
    base = ["sample", "--git-dir", str(git_dir), "--commit", commit, "--out", str(out)]
    args = [*base, "--seed", "2", "--files", "5", "--spans", "4"]
    assert las.main(args) == 0
    rows = las.read_tsv(out)
    rows[0]["judgement"] = "ok"
    las.write_tsv(rows, out, las.read_meta(out))
    assert las.main(args) == 2
    assert las.read_tsv(out)[0]["judgement"] == "ok"
    assert las.main([*args, "--force"]) == 0


def test_wilson_interval():
    lo, hi = las.wilson(60, 120)
    assert round(lo, 3) == 0.412 and round(hi, 3) == 0.588
    assert las.wilson(0, 0) == (0.0, 1.0)
    lo, hi = las.wilson(120, 120)
    assert hi == pytest.approx(1.0) and 0.96 < lo < 0.97


def test_score_counts_judged_rows_and_rejects_other_words():
    rows = [{"id": "L1", "judgement": "ok"}, {"id": "L2", "judgement": "wrong"}]
    res = las.score([*rows, {"id": "L3", "judgement": ""}])
    assert (res["ok"], res["judged"], res["unjudged"], res["precision"]) == (1, 2, 1, 0.5)
    with pytest.raises(ValueError, match="L4"):
        las.score([*rows, {"id": "L4", "judgement": "maybe"}])


def test_the_shipped_sample_is_judged_and_matches_the_corpus():
    rows = las.read_tsv(las.TSV)
    meta = las.read_meta(las.TSV)
    assert len(rows) >= 100 and all(r["judgement"] in ("ok", "wrong") for r in rows)
    assert meta["stage"] == "before ORG work" and meta["seed"].isdigit()
    assert all(r["note"] for r in rows if r["judgement"] == "wrong"), "say why a span is wrong"
    if not las.GIT_DIR.exists():
        pytest.skip(f"no LawRefBook mirror at {las.GIT_DIR}")
    commit = meta["corpus"].rsplit("@", 1)[1]
    texts = {}
    for r in rows:
        if r["file"] not in texts:
            texts[r["file"]] = las._git(las.GIT_DIR, "show", f"{commit}:{r['file']}").decode()
        text = texts[r["file"]]
        s, e = int(r["start"]), int(r["end"])
        assert text[s:e] == r["span"], r["id"]
        assert las._oneline(text[max(0, s - las.CONTEXT) : s]) == r["left"], r["id"]


def test_like_redraws_an_earlier_sample_with_its_exclusions(laws, tmp_path, monkeypatch):
    git_dir, commit = laws
    monkeypatch.setattr(las, "tuned_files", lambda real=None: {"a/乙市条例.md"})
    first = tmp_path / "first.tsv"
    base = ["sample", "--git-dir", str(git_dir), "--commit", commit]
    assert (
        las.main([*base, "--out", str(first), "--seed", "5", "--files", "4", "--spans", "3"]) == 0
    )
    assert "a/乙市条例.md" not in {r["file"] for r in las.read_tsv(first)}
    assert las.read_meta(first)["excluded"] == '["a/乙市条例.md"]'
    monkeypatch.setattr(las, "tuned_files", lambda real=None: set())  # later, other batches
    again = tmp_path / "again.tsv"
    assert las.main([*base, "--out", str(again), "--like", str(first)]) == 0
    assert las.read_tsv(again) == las.read_tsv(first)


PAGES = {
    "01.txt": "第一条 辽宁省人民政府和教育部负责。东北大学参加。\n",
    "02.txt": "第二条 沈阳市教育局、辽宁省教育厅应当配合国务院。\n",
    "03.txt": "第三条 北京大学与清华大学、中国人民银行联合。\n",
    "04.txt": "第四条 财政部、教育部联合发文。最高人民法院另行规定。\n",
    "05.txt": "第五条 国家市场监督管理总局和公安部负责。\n",
}


@pytest.fixture()
def pages(tmp_path):
    """A made-up law-pages folder (the real one is not run through the library here)."""
    folder = tmp_path / "law_pages"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "MANIFEST.tsv").write_text("# not an excerpt\nid\ttitle\tsource\tchars\n")
    return folder


def test_law_pages_draw_is_deterministic_and_reads_only_the_excerpts(pages):
    assert las.page_files(pages) == sorted(PAGES)
    one = las.draw(7, 4, 5, pages=pages)
    assert one == las.draw(7, 4, 5, pages=pages)
    assert any(las.draw(seed, 4, 5, pages=pages) != one for seed in range(8, 14))
    for row in one:
        text = PAGES[row["file"]]
        assert text[int(row["start"]) : int(row["end"])] == row["span"]
    assert [r["id"] for r in one] == ["P001", "P002", "P003", "P004", "P005"]
    with pytest.raises(ValueError, match="law files"):
        las.draw(1, 6, 1, pages=pages)
    with pytest.raises(ValueError, match="no law-pages folder"):
        las.draw(1, 1, 1, pages=pages / "missing")


def test_law_pages_cli_records_the_corpus_and_like_redraws(pages, tmp_path):
    out = tmp_path / "p.tsv"
    args = ["sample", "--corpus", "law-pages", "--pages-dir", str(pages), "--out", str(out)]
    assert las.main([*args, "--seed", "4", "--files", "5", "--spans", "4"]) == 0
    meta = las.read_meta(out)
    assert meta["corpus"].startswith("law-pages:") and meta["excluded"] == "[]"
    assert meta["corpus"].rsplit("@", 1)[1] == las.pages_digest(pages)
    again = tmp_path / "again.tsv"
    like = ["sample", "--pages-dir", str(pages), "--out", str(again), "--like", str(out)]
    assert las.main(like) == 0
    assert las.read_tsv(again) == las.read_tsv(out)
    every = tmp_path / "every.tsv"
    assert las.main([*args[:-1], str(every), "--seed", "4", "--spans", "4"]) == 0
    assert las.read_meta(every)["files"] == str(len(PAGES))  # law-pages default: all excerpts
    (pages / "01.txt").write_text("第一条 教育部。\n", encoding="utf-8")  # the texts changed
    assert las.main([*like, "--force"]) == 2


def test_law_pages_defaults_are_their_own():
    assert las.PAGES_TSV != las.TSV and las.PAGES_TSV.parent == las.TSV.parent
    assert not las.PAGES_TSV.name.startswith("law_org_sample")  # apart in --write-docs
    assert "law-pages-org-sample" in las.docs_block([], "law-pages")
    assert "BEGIN law-org-sample" in las.docs_block([])


def test_samples_of_one_draw_are_shown_side_by_side(laws, tmp_path):
    git_dir, commit = laws
    rows = las.draw(3, 5, 4, git_dir, commit)
    meta = {"corpus": f"x@{commit}", "seed": 3, "files": 5, "spans": 4}
    for name, stage, verdicts in (
        ("law_org_sample.tsv", "before", ["ok", "wrong", "wrong", "ok"]),
        ("law_org_sample_after.tsv", "after", ["ok", "ok", "ok", "wrong"]),
    ):
        judged = [
            {**r, "judgement": v, "note": "" if v == "ok" else "why"}
            for r, v in zip(rows, verdicts, strict=True)
        ]
        las.write_tsv(judged, tmp_path / name, {**meta, "stage": stage})
    other = tmp_path / "law_org_sample_other.tsv"
    las.write_tsv(rows, other, {**meta, "seed": 4})  # another draw, unjudged: not compared
    paths = sorted(tmp_path.glob("law_org_sample*.tsv"))
    text = las.docs_block(paths)
    assert "Side by side (the same draw): `law_org_sample.tsv` (before) → " in text
    assert "| precision | 0.500 (2/4) [" in text and "| 0.750 (3/4) [" in text
    assert las.compare(paths[:1]) == []  # one sample alone: nothing to compare
    table = text.split("| sample |", 1)[1].split("\n\n", 1)[0]
    assert table.count("| `law_org_sample") == 2  # both summary rows in one table
