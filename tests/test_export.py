"""Every export format is read back to the spans it was written from."""

from __future__ import annotations

import json

import pytest

from eduextract import Extractor, Span
from eduextract import export as ex
from tests import fake_recognizer

# astral characters (𠀀, 😀) before spans, a tab, a CR LF, an ideographic space and a span that
# crosses a line break: the places where formats and offset units go wrong
TEXT_A = fake_recognizer.SENTENCE + "\r\n第二行\t𠀀😀 占比53%\u3000共12所"
TEXT_B = "省委省政府印发通知。"


@pytest.fixture
def records(monkeypatch) -> list[ex.Record]:
    fake_recognizer.install(monkeypatch)
    extractor = Extractor()
    recs = [ex.Record.of(t, extractor.extract(t), n) for n, t in (("a.txt", TEXT_A),
                                                                   ("b.txt", TEXT_B))]
    # a hand-made span across the line break (brat needs fragments for it)
    cross = TEXT_A.index("\r\n") - 1
    extra = Span(cross, cross + 4, "ORG", TEXT_A[cross : cross + 4], None, "hand")
    recs[0] = ex.Record.of(recs[0].text, [*recs[0].spans, extra], "a.txt")
    assert len(recs[0].spans) >= 8 and len(recs[1].spans) == 2
    return recs


def strip(spans, *, value=True, source=True):
    return [(s.start, s.end, s.label, s.text, s.value if value else None,
             s.source if source else "") for s in spans]


def test_offset_units_agree_with_span_offsets_and_differ_after_astral_characters(records):
    text = records[0].text
    for unit in ("codepoint", "utf16", "utf8"):
        table = ex.to_unit(text, [o for s in records[0].spans for o in (s.start, s.end)], unit)
        for span in records[0].spans:
            assert (table[span.start], table[span.end]) == span.offsets(text, unit)
        back = ex.from_unit(text, table.values(), unit)
        assert {back[v] for v in table.values()} == set(table)
    first = records[0].spans[0]  # 教育部 after 𠀀
    assert first.offsets(text) == (1, 4)
    assert first.offsets(text, "utf16") == (2, 5)
    assert first.offsets(text, "utf8") == (4, 13)


def test_offset_inside_a_character_is_rejected():
    with pytest.raises(ValueError, match="inside a character"):
        ex.from_unit("𠀀a", [1], "utf16")
    with pytest.raises(ValueError, match="inside a character"):
        ex.from_unit("教a", [2], "utf8")
    with pytest.raises(ValueError, match="unknown offset unit"):
        ex.to_unit("a", [0], "bytes")


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_jsonl_round_trip(records, unit):
    lines = list(ex.write_jsonl(records, unit))
    assert all(line.endswith("\n") and "\n" not in line[:-1] for line in lines)
    texts = {r.name: r.text for r in records}
    back = ex.read_jsonl(lines, texts, unit)
    assert {k: strip(v) for k, v in back.items()} == {r.name: strip(r.spans) for r in records}
    if unit == "codepoint":  # code points need no texts
        assert ex.read_jsonl(lines) == back
    else:
        with pytest.raises(ValueError, match="need the text"):
            ex.read_jsonl(lines, None, unit)


def test_jsonl_rows_are_annotation_objects(records):
    row = json.loads(next(ex.write_jsonl(records)))
    assert set(row) == {"file", "start", "end", "label", "text", "value", "source"}
    assert TEXT_A[row["start"] : row["end"]] == row["text"]


def test_brat_round_trip(records):
    for record in records:
        ann = ex.brat_ann(record)
        assert all(line.split("\t")[0][0] in "T#" for line in ann.splitlines())
        assert ex.read_brat(record.text, ann) == [
            Span(*t[:5]) for t in strip(record.spans, source=False)
        ]
    ann = ex.brat_ann(records[0])
    assert "T1\tORG 1 4\t教育部\n" in ann
    assert '\tAnnotatorNotes T4\t{"value": 764000000, "currency": "CNY", "approx": false}' in ann
    crossing = next(line for line in ann.splitlines() if ";" in line)  # fragments per line
    assert crossing.split("\t")[1].startswith("ORG ")
    assert "[entities]\nNUMBER\n" in ex.brat_conf()


def test_brat_reader_keeps_human_notes_and_ignores_relations():
    text = "教育部发文"
    ann = "T1\tORG 0 3\t教育部\n#1\tAnnotatorNotes T1\tcheck this\nR1\tRel Arg1:T1 Arg2:T1\n"
    assert ex.read_brat(text, ann) == [Span(0, 3, "ORG", "教育部", "check this")]
    with pytest.raises(ValueError, match="outside the text"):
        ex.read_brat(text, "T1\tORG 0 9\tx\n")


def test_conll_round_trip(records):
    lines = list(ex.write_conll(records))
    assert all(len(line.rstrip("\n").split("\t")) == 2 for line in lines
               if line.strip() and not line.startswith("# doc = "))
    assert "𠀀\tO\n" in lines and "\\t\tO\n" in lines and "\\u3000\tO\n" in lines
    assert "教\tB-ORG\n" in lines and "育\tI-ORG\n" in lines
    back = ex.read_conll(lines)
    assert [r.name for r in back] == ["a.txt", "b.txt"]
    assert [r.text for r in back] == [r.text for r in records]
    # BIO holds offsets and labels only
    assert [strip(r.spans, value=False, source=False) for r in back] == [
        strip(r.spans, value=False, source=False) for r in records
    ]


def test_conll_adjacent_spans_of_one_label_stay_apart(records):
    back = ex.read_conll(ex.write_conll([records[1]]))  # 省委 + 省政府, both ORG, touching
    assert [s.text for s in back[0].spans] == ["省委", "省政府"]


def test_conll_refuses_overlaps_and_bad_tags():
    spans = [Span(0, 2, "NUMBER", "一二"), Span(1, 3, "NUMBER", "二三")]
    overlapping = ex.Record.of("一二三", spans)
    with pytest.raises(ValueError, match="overlapping"):
        list(ex.write_conll([overlapping]))
    with pytest.raises(ValueError, match="BIO"):
        ex.read_conll(["一\tX-NUMBER\n"])


@pytest.mark.parametrize("unit", ["utf16", "codepoint"])
def test_label_studio_round_trip(records, unit):
    tasks = ex.label_studio_tasks(records, offsets=unit)
    tasks = json.loads(json.dumps(tasks, ensure_ascii=False))  # what a file holds
    assert tasks[0]["data"] == {"text": TEXT_A, "file": "a.txt"}
    result = tasks[0]["predictions"][0]["result"]
    region = next(r for r in result if r["type"] == "labels")
    assert region["value"]["labels"] == ["ORG"] and region["value"]["text"] == "教育部"
    assert (region["value"]["start"], region["value"]["end"]) == ((2, 5) if unit == "utf16"
                                                                  else (1, 4))
    back = ex.read_label_studio(tasks, offsets=unit)
    assert [strip(r.spans) for r in back] == [strip(r.spans) for r in records]
    assert [r.name for r in back] == ["a.txt", "b.txt"]


def test_label_studio_prefers_annotations_and_has_a_matching_config(records):
    tasks = ex.label_studio_tasks(records)
    corrected = json.loads(json.dumps(tasks[1]))
    corrected["annotations"] = [{"result": corrected["predictions"][0]["result"][:1]}]
    back = ex.read_label_studio([corrected])
    assert [s.text for s in back[0].spans] == ["省委"]
    config = ex.label_studio_config()
    assert '<Labels name="label" toName="text">' in config and 'value="DOCNO"' in config
    assert 'name="value" toName="text" perRegion="true"' in config


@pytest.mark.parametrize("unit", ["codepoint", "utf8"])
def test_table_round_trip(records, unit):
    lines = list(ex.write_table(records, unit))
    assert lines[0] == "\t".join(ex.TABLE_COLUMNS) + "\n"
    assert all(len(line.split("\t")) == len(ex.TABLE_COLUMNS) for line in lines)
    back = ex.read_table(lines, {r.name: r.text for r in records}, unit)
    assert {k: strip(v) for k, v in back.items()} == {r.name: strip(r.spans) for r in records}


@pytest.mark.parametrize("unit", ["codepoint", "utf16"])
def test_dataframe_round_trip(records, unit):
    pytest.importorskip("pandas")
    frame = ex.to_dataframe(records, unit)
    assert list(frame.columns) == list(ex.TABLE_COLUMNS)
    assert len(frame) == sum(len(r.spans) for r in records)
    assert frame[frame.label == "MONEY"].value.iloc[0]["value"] == 764000000
    back = ex.from_dataframe(frame, {r.name: r.text for r in records}, unit)
    assert {k: strip(v) for k, v in back.items()} == {r.name: strip(r.spans) for r in records}
