"""The spaCy component on every Chinese segmenter, with spans from a controlled recognizer."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from eduextract import Extractor
from tests import fake_recognizer

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402
from spacy.lang.zh import Chinese  # noqa: E402

import eduextract.spacy_component  # noqa: E402,F401  (registers the factory in a checkout)

# the tokens of each segmenter cut through some of these spans (checked below, not assumed)
TEXT = "辽宁省教育厅新增学位7091个，占比53%。" + fake_recognizer.SENTENCE

PKUSEG_TRAINING = """\
教育部 发布 通知 ， 新增 学位 7091 个 。
全省 共有 高校 114 所 。
辽宁省 教育厅 召开 会议 。
占比 达到 53% 。
投入 资金 7.64亿 元 。
省委 教育 工委 印发 文件 。
学校 开展 工作 三 项 。
会议 要求 各 单位 落实 。
全省 新增 幼儿园 学位 4万 个 。
教育厅 党组 研究 部署 。
毕业生 就业 率 达到 90% 。
国务院 印发 通知 。
"""


@pytest.fixture(autouse=True)
def fake_layers(monkeypatch):
    fake_recognizer.install(monkeypatch)


@pytest.fixture(scope="module")
def pkuseg_model(tmp_path_factory) -> Path:
    """A tiny pkuseg model trained here on twelve segmented sentences (no download)."""
    spacy_pkuseg = pytest.importorskip("spacy_pkuseg")
    import numpy as np
    folder = tmp_path_factory.mktemp("pkuseg")
    train = folder / "train.txt"
    train.write_text(PKUSEG_TRAINING, encoding="utf-8")
    random.seed(0)  # the trainer shuffles with random and initialises with numpy:
    np.random.seed(0)  # seeded, every run trains the same model
    spacy_pkuseg.train(str(train), str(train), str(folder / "model"), train_iter=3)
    return folder / "model"


def chinese(segmenter: str, pkuseg_model: Path | None = None) -> Chinese:
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": segmenter}}})
    if segmenter == "pkuseg":
        nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model), pkuseg_user_dict="default")
    return nlp


def expected(text: str = TEXT) -> list[tuple[int, int, str, str, object]]:
    return [(s.start, s.end, s.label, s.source, s.value) for s in Extractor().extract(text)]


def got(spans) -> list[tuple[int, int, str, str, object]]:
    return [
        (s.start_char, s.end_char, s.label_, s._.eduextract_source, s._.eduextract_value)
        for s in spans
    ]


def cuts(nlp, text: str = TEXT) -> list[int]:
    """Span boundaries that fall strictly inside a token of the plain tokenizer."""
    doc = nlp.make_doc(text)
    inside = {t.idx + k for t in doc for k in range(1, len(t.text))}
    return sorted({o for s in Extractor().extract(text) for o in (s.start, s.end)} & inside)


@pytest.mark.parametrize("segmenter", ["char", "jieba", "pkuseg"])
def test_every_span_lands_exactly_on_every_segmenter(segmenter, pkuseg_model):
    nlp = chinese(segmenter, pkuseg_model)
    if segmenter != "char":
        assert cuts(nlp), f"{segmenter} should cut through a span here, or this test proves little"
    nlp.add_pipe("eduextract")
    doc = nlp(TEXT)
    assert expected(), "the fake recognizer found nothing"
    assert got(doc.spans["eduextract"]) == expected()
    assert got(doc.ents) == expected()
    assert doc.text == TEXT  # splitting never changes the text


def test_expand_keeps_the_tokens_and_widens_spans(pkuseg_model):
    nlp = chinese("jieba")
    before = [t.text for t in nlp.make_doc(TEXT)]
    nlp.add_pipe("eduextract", config={"alignment": "expand"})
    doc = nlp(TEXT)
    assert [t.text for t in doc] == before
    spans = list(doc.spans["eduextract"])
    assert len(spans) == len(expected())  # none dropped
    widened = 0
    for span, (start, end, label, _, value) in zip(spans, expected(), strict=True):
        assert span.start_char <= start and end <= span.end_char
        assert span.label_ == label and span._.eduextract_value == value
        widened += (span.start_char, span.end_char) != (start, end)
    assert widened, "jieba should merge at least one span with its neighbour"


def test_ontonotes_scheme_names_numbers_cardinal():
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract", config={"label_scheme": "ontonotes"})
    doc = nlp(fake_recognizer.SENTENCE)
    labels = {s.label_ for s in doc.ents}
    assert "CARDINAL" in labels and "NUMBER" not in labels
    assert {"MONEY", "PERCENT", "ORDINAL", "ORG", "DOCNO", "DATE"} <= labels
    assert nlp.get_pipe("eduextract").labels[0] == "CARDINAL"


def test_label_filter_and_value_extension():
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract", config={"labels": ["MONEY"]})
    doc = nlp(fake_recognizer.SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == [("7.64亿元", "MONEY")]
    value = doc.ents[0]._.eduextract_value
    assert value == {"value": 764000000, "currency": "CNY", "approx": False}


def test_existing_entities_are_kept_unless_overwrite(monkeypatch):
    text = fake_recognizer.SENTENCE
    start = text.index("教育部")

    def with_person(doc):
        doc.ents = [doc.char_span(start, start + 3, label="PERSON")]
        return doc

    spacy.Language.component("person_marker")(with_person)
    for overwrite, label in ((False, "PERSON"), (True, "ORG")):
        nlp = spacy.blank("zh")
        nlp.add_pipe("person_marker")
        nlp.add_pipe("eduextract", config={"overwrite_ents": overwrite})
        doc = nlp(text)
        assert [e.label_ for e in doc.ents if e.start_char == start] == [label]
        assert "ORG" in [s.label_ for s in doc.spans["eduextract"]]  # always in the span group
        assert len(doc.ents) == len(expected(text))


def test_split_keeps_a_parse_consistent():
    nlp = chinese("jieba")
    doc = nlp.make_doc("占比53%。")
    # a flat parse: every token hangs off the last one
    for token in doc:
        token.head = doc[-1]
        token.dep_ = "dep" if token.i != len(doc) - 1 else "ROOT"
    nlp.add_pipe("eduextract")
    doc = nlp.get_pipe("eduextract")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("53%", "PERCENT")]
    assert sum(1 for t in doc if t.head.i == t.i) == 1  # still one root


def test_config_round_trips_through_disk(tmp_path, pkuseg_model):
    nlp = chinese("pkuseg", pkuseg_model)
    config = {"label_scheme": "ontonotes", "labels": ["NUMBER", "MONEY"], "spans_key": "edx"}
    nlp.add_pipe("eduextract", config=config)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.config["components"]["eduextract"] == nlp.config["components"]["eduextract"]
    a, b = nlp(TEXT), loaded(TEXT)
    assert got(b.spans["edx"]) == got(a.spans["edx"]) and got(a.spans["edx"])
    assert {s.label_ for s in b.spans["edx"]} == {"CARDINAL", "MONEY"}


def test_bad_options_fail_at_add_pipe():
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError, match="label_scheme"):
        nlp.add_pipe("eduextract", config={"label_scheme": "conll"})
    with pytest.raises(ValueError, match="alignment"):
        nlp.add_pipe("eduextract", name="e2", config={"alignment": "contract"})


def test_displacy_html_carries_the_spans():
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    doc = nlp(fake_recognizer.SENTENCE)
    html = displacy.render(doc, style="ent", page=True, jupyter=False)
    for span in doc.ents:
        assert span.text in html
        assert span.label_ in html
    spans_html = displacy.render(doc, style="span", jupyter=False,
                                 options={"spans_key": "eduextract"})
    # the span style draws token by token: the label once, each token of the span inside
    assert "MONEY" in spans_html and "DOCNO" in spans_html
    assert all(t.text in spans_html for s in doc.ents for t in s)


def test_spans_and_values_survive_doc_serialisation():
    from spacy.tokens import Doc

    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    doc = nlp(fake_recognizer.SENTENCE)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert got(back.spans["eduextract"]) == got(doc.spans["eduextract"]) == expected(doc.text)
    assert got(back.ents) == got(doc.ents)


def test_pipe_matches_call():
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    texts = [fake_recognizer.SENTENCE, "没有数字。", TEXT]
    assert [got(d.ents) for d in nlp.pipe(texts)] == [got(nlp(t).ents) for t in texts]


def test_eduextract_modules_do_not_import_spacy():
    code = ("import sys, eduextract, eduextract.export, eduextract.render, eduextract.cli; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
