"""User gazetteers (``Extractor(gazetteers=[...])``): encodings, types, suspicious rows,
snapshots for workers.  Each test is a reproducer of the hardening issue (docs/org.md,
"User gazetteers")."""

from __future__ import annotations

import json
import sys
import threading
import warnings

import pytest

from eduextract import Extractor
from eduextract.org_lexicon import GazetteerWarning, load_user_gazetteer

CSV = "name,kind,id\n星火教育集团,other,S1\n辽河大数据研究院,research,S2\n"


def _orgs(ex: Extractor, text: str) -> dict[str, dict]:
    return {s.text: s.value for s in ex.extract(text) if s.label == "ORG"}


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "gbk", "gb18030"]
)
def test_user_gazetteer_encodings(tmp_path, encoding):
    path = tmp_path / "orgs.csv"
    if encoding == "utf-16-le-bom":
        path.write_bytes(b"\xff\xfe" + CSV.encode("utf-16-le"))
    else:
        path.write_bytes(CSV.encode(encoding))
    got = _orgs(Extractor(gazetteers=[path]), "星火教育集团与辽河大数据研究院签约。")
    assert got["星火教育集团"]["id"] == "S1"
    assert got["辽河大数据研究院"]["id"] == "S2"


def test_undecodable_gazetteer_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes("name\n星火教育集团\n".encode() + b"\xff\xfe\xff\n")
    with pytest.raises(ValueError, match=r"bad\.csv:3: neither UTF-8 nor GB18030"):
        Extractor(gazetteers=[path])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"name": "星火教育集团", "aliases": [None]}, "'aliases' must hold strings, not NoneType"),
        ({"name": "星火教育集团", "aliases": [3]}, "'aliases' must hold strings, not int"),
        ({"name": ["星火教育集团", "星火集团"]}, "'name' must be a string, not list"),
        ({"name": "星火教育集团", "kind": 1}, "'kind' must be a string, not int"),
        ({"name": "星火教育集团", "canonical": {"x": 1}}, "'canonical' must be a string"),
        ({"name": "星火教育集团", "aliases": {"a": "b"}}, "'aliases' must be a string or a list"),
    ],
)
def test_jsonl_values_are_type_checked(tmp_path, row, message):
    path = tmp_path / "orgs.jsonl"
    good = json.dumps({"name": "辽河大数据研究院"}, ensure_ascii=False)
    path.write_text(good + "\n" + json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(ValueError, match=rf"orgs\.jsonl:2: {message}"):
        Extractor(gazetteers=[path])


def test_null_fields_are_absent_and_numeric_ids_are_kept(tmp_path):
    path = tmp_path / "orgs.jsonl"
    path.write_text(
        json.dumps({"name": "星火教育集团", "kind": None, "aliases": None, "id": 4111010459},
                   ensure_ascii=False), "utf-8")
    ex = Extractor(gazetteers=[path])
    assert _orgs(ex, "星火教育集团成立。")["星火教育集团"]["id"] == "4111010459"
    assert "None" not in _orgs(ex, "None of them; 星火教育集团")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,", "name '1' is a single character"),
        ("2024,", "name '2024' has no letter or Han character"),
        ("星火教育集团,党", "alias '党' is a single character"),
        ("星火教育集团,１２３", "alias '１２３' has no letter"),
    ],
)
def test_single_character_and_digit_entries_are_refused(tmp_path, row, message):
    path = tmp_path / "orgs.csv"
    path.write_text(f"name,aliases\n{row}\n", "utf-8")
    with pytest.raises(ValueError, match=rf"orgs\.csv:2: {message}"):
        Extractor(gazetteers=[path])


def test_duplicate_names_warn_and_the_later_row_wins(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "name,id\n星火教育集团,A\n辽河大数据研究院,B\n星火教育集团,C\n辽河大数据研究院,B\n",
        "utf-8",
    )
    with pytest.warns(GazetteerWarning) as caught:
        ex = Extractor(gazetteers=[path])
    messages = [str(w.message) for w in caught]
    # the identical repeat of 辽河大数据研究院 is harmless and silent
    assert len(messages) == 1, messages
    assert "orgs.csv:4: '星火教育集团' is also on" in messages[0]
    assert "orgs.csv:2" in messages[0]
    assert _orgs(ex, "星火教育集团成立。")["星火教育集团"]["id"] == "C"


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_comments_before_the_header_are_allowed(tmp_path, suffix):
    sep = "\t" if suffix == ".tsv" else ","
    path = tmp_path / f"orgs{suffix}"
    path.write_text(
        f"# my institutions\n# source: our registry\n\nname{sep}id\n# a comment row\n"
        f"星火教育集团{sep}S1\n{sep}\n",
        "utf-8",
    )
    assert load_user_gazetteer(path)["星火教育集团"].id == "S1"
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(f"# header below\nname{sep}id\n星火教育集团{sep}S1{sep}extra\n", "utf-8")
    with pytest.raises(ValueError, match=rf"bad\{suffix}:3: expected 2 columns"):
        load_user_gazetteer(bad)


def test_comment_only_file_is_an_error(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("# nothing here\n", "utf-8")
    with pytest.raises(ValueError, match="no header row"):
        Extractor(gazetteers=[path])


def test_workers_use_the_content_read_at_construction(tmp_path):
    """The file is rewritten (then deleted) after the Extractor is built: a parallel pipe
    still answers what the serial run does, from the snapshot."""
    path = tmp_path / "orgs.csv"
    path.write_text("name,id\n星火教育集团,OLD\n", "utf-8")
    ex = Extractor(gazetteers=[path])
    texts = ["星火教育集团与北斗青少年研究会合作。"] * 12
    serial = [ex.extract(t) for t in texts]
    path.write_text("name,id\n北斗青少年研究会,NEW\n", "utf-8")
    assert list(ex.pipe(texts, n_process=2, batch_size=3)) == serial
    path.unlink()
    assert list(ex.pipe(texts, n_process=2, batch_size=3)) == serial
    assert serial[0][0].value["id"] == "OLD"


def test_workers_use_the_snapshot_when_started_by_forkserver(tmp_path):
    """With another thread running, pipe uses forkserver: workers rebuild from the pickled
    snapshot (never from the file)."""
    path = tmp_path / "orgs.csv"
    path.write_text("name,id\n星火教育集团,OLD\n", "utf-8")
    ex = Extractor(gazetteers=[path])
    path.write_text("name,id\n星火教育集团,NEW\n", "utf-8")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        got = list(ex.pipe(["星火教育集团成立。"] * 4, n_process=2, batch_size=2))
    finally:
        stop.set()
        thread.join()
    assert {spans[0].value["id"] for spans in got} == {"OLD"}


def test_the_org_index_is_built_once_and_shared(tmp_path):
    """The built ORG recognizer lives on the snapshot: fork-started workers inherit it, and
    an unpickled copy (Spark, Dask) rebuilds from the snapshot, not from the file."""
    import pickle

    from eduextract.extractor import _mp_context

    path = tmp_path / "orgs.csv"
    path.write_text("name\n星火教育集团\n", "utf-8")
    ex = Extractor(gazetteers=[path])
    org = next(r for r in ex.recognizers if r.name == "org")
    assert ex.config.user is not None and ex.config.user.built["org"] is org
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert _mp_context(ex).get_start_method() == "fork"
    path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        copy = pickle.loads(pickle.dumps(ex))
    assert _orgs(copy, "星火教育集团成立。")["星火教育集团"]["canonical"] == "星火教育集团"


def test_a_config_made_by_hand_snapshots_its_gazetteers(tmp_path):
    """``Config(gazetteers=…)`` without an Extractor (benchmarks, integrations) reads the
    files at once too; the ORG layer never reads them later."""
    from eduextract.config import Config
    from eduextract.document import Document
    from eduextract.recognizers.org import build

    path = tmp_path / "orgs.csv"
    path.write_text("name,id\n星火教育集团,S1\n", "utf-8")
    config = Config(gazetteers=(path,))
    path.unlink()
    spans = list(build(config).find(Document("星火教育集团成立。")))
    assert [s.value.get("id") for s in spans if s.text == "星火教育集团"] == ["S1"]
