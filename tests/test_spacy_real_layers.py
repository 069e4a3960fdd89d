"""The spaCy component with the real recognizers, on the gold documents, on every segmenter.

Whatever the layers find, the component must hand spaCy exactly the same spans and values
(``alignment="split"``), however jieba or pkuseg cut the text.
"""

from __future__ import annotations

import pytest

from eduextract import extract

spacy = pytest.importorskip("spacy")
from spacy.lang.zh import Chinese  # noqa: E402

import eduextract.spacy_component  # noqa: E402,F401
from tests.test_spacy_component import pkuseg_model  # noqa: E402,F401  (fixture)


@pytest.mark.parametrize("segmenter", ["char", "jieba", "pkuseg"])
def test_gold_documents_keep_every_span(segmenter, gold_docs, pkuseg_model):  # noqa: F811
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": segmenter}}})
    if segmenter == "pkuseg":
        nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model), pkuseg_user_dict="default")
    nlp.add_pipe("eduextract")
    total = 0
    for record in gold_docs:
        text = record["text"]
        want = [(s.start, s.end, s.label, s.value) for s in extract(text)]
        doc = nlp(text)
        assert doc.text == text
        assert [(s.start_char, s.end_char, s.label_, s._.eduextract_value)
                for s in doc.spans["eduextract"]] == want
        assert [(s.start_char, s.end_char) for s in doc.ents] == [(w[0], w[1]) for w in want]
        total += len(want)
    assert total > 300  # the layers find most of the 690 gold spans
