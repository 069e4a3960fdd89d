"""``eduextract.render``: notebook HTML without spaCy."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

import eduextract
from eduextract import Span
from eduextract.render import COLOURS
from tests import fake_recognizer


class _Marks(HTMLParser):
    """Collects (label, title, text) of every <mark> and all visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[list[str]] = []
        self.text: list[str] = []
        self._depth = 0
        self._in_label = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            self.marks.append([attrs["data-label"], attrs["title"], ""])
            self._depth = 1
        elif tag == "span" and self._depth:
            self._in_label = True
        elif tag == "script":
            raise AssertionError("a <script> element got through unescaped")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._depth = 0
        elif tag == "span":
            self._in_label = False

    def handle_data(self, data):
        if self._in_label:
            return
        if self._depth:
            self.marks[-1][2] += data
        self.text.append(data)


def parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    return parser


def test_render_extracts_and_shows_labels_values_and_colours(monkeypatch):
    fake_recognizer.install(monkeypatch)
    monkeypatch.setattr(eduextract.extractor, "_DEFAULT", None)
    shown = eduextract.render(fake_recognizer.SENTENCE)
    markup = shown._repr_html_()
    found = parse(markup)
    spans = eduextract.Extractor().extract(fake_recognizer.SENTENCE)
    assert [(m[0], m[2]) for m in found.marks] == [(s.label, s.text) for s in spans]
    money = next(m for m in found.marks if m[0] == "MONEY")
    assert '"value": 764000000' in money[1] and "fake.money" in money[1]
    assert "".join(found.text) == fake_recognizer.SENTENCE  # the text, whole and in order
    for label in {s.label for s in spans}:
        assert COLOURS[label] in markup
    assert str(shown).startswith("𠀀[教育部]ORG印发")


def test_everything_is_escaped():
    text = '<script>alert(1)</script> & "x" 100元'
    span = Span(text.index("100"), len(text), "MONEY", "100元",
                {"note": "<b>&'\""}, "rule<1>")
    markup = eduextract.render(text, [span])._repr_html_()
    assert "<script>" not in markup and "<b>" not in markup
    found = parse(markup)
    assert "".join(found.text) == text
    assert found.marks[0][1] == 'MONEY {"note": "<b>&\'\\""} (rule<1>)'
    assert html.escape("<script>") in markup


def test_render_accepts_jsonl_dicts_and_filters_labels():
    text = "投入100元，共3所"
    rows = [{"start": 2, "end": 6, "label": "MONEY", "value": {"value": 100}},
            {"start": 8, "end": 9, "label": "NUMBER", "value": {"value": 3}}]
    shown = eduextract.render(text, rows, labels=["NUMBER"])
    assert [(s.label, s.text) for s in shown.spans] == [("NUMBER", "3")]
    assert re.search(r'data-label="NUMBER"[^>]*>3<', shown.html)
    with pytest.raises(ValueError):
        eduextract.render(text, rows, labels=["FOO"])
    with pytest.raises(TypeError):
        eduextract.render(b"bytes", rows)  # type: ignore[arg-type]


def test_overlapping_input_keeps_the_text_whole():
    text = "一二三四"
    spans = [Span(0, 3, "NUMBER", "一二三"), Span(1, 4, "NUMBER", "二三四")]
    found = parse(eduextract.render(text, spans).html)
    assert "".join(found.text) == text
    assert len(found.marks) == 1


def test_render_takes_a_record():
    from eduextract.export import Record

    record = Record.of("共3所", [Span(1, 2, "NUMBER", "3", {"value": 3})])
    assert str(eduextract.render(record)) == "共[3]NUMBER所"
