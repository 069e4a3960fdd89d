"""The Dask integration (``dask.bag``), compared with ``extract()`` under the threaded and the
multi-process schedulers.  Skips cleanly when the ``dask`` extra is missing."""

from __future__ import annotations

import json

import pytest

db = pytest.importorskip("dask.bag", reason="the dask extra (dask[bag]) is not installed")

from _fakes import fake_registered  # noqa: E402
from _invariants import sample_texts  # noqa: E402

from eduextract import Extractor, extract  # noqa: E402
from eduextract.integrations import _worker  # noqa: E402
from eduextract.integrations.dask import extract_bag  # noqa: E402


@pytest.fixture(scope="module")
def texts(gold_docs) -> list[str]:
    return sample_texts(gold_docs)


@pytest.mark.parametrize("scheduler", ["threads", "processes", "sync"])
def test_bag_map_gives_the_spans_of_extract(texts, scheduler):
    bag = db.from_sequence(texts, npartitions=3)
    assert extract_bag(bag).compute(scheduler=scheduler) == [extract(t) for t in texts]


def test_records_flatten_into_a_dataframe_shape(texts):
    bag = db.from_sequence(texts, npartitions=2)
    records = extract_bag(bag, labels=["NUMBER", "DATE"], records=True).flatten().compute()
    expected = [
        {**s.to_dict(), "value": json.dumps(s.value, ensure_ascii=False)}
        for t in texts
        for s in extract(t, labels=["NUMBER", "DATE"])
    ]
    assert records == expected


def test_a_custom_extractor_is_built_once_per_worker_not_per_element(texts):
    """Tasks carry the configuration bytes; the threaded scheduler shares one rebuilt copy."""
    ex = Extractor(disabled=["org"])
    before = set(_worker._CACHE)
    bag = db.from_sequence(texts * 5, npartitions=6)
    assert extract_bag(bag, extractor=ex).compute(scheduler="threads") == [
        ex.extract(t) for t in texts * 5
    ]
    assert len(set(_worker._CACHE) - before) <= 1


def test_spans_of_a_layer_with_real_output_come_back_intact(monkeypatch):
    """Real spans (the fake layer) through ``extract_bag``: the worker-side extractor is
    rebuilt from the configuration while the fake layer is registered (threaded scheduler,
    same process), so the comparison covers span values, not just empty lists."""
    monkeypatch.setattr(_worker, "_CACHE", {})
    text = "𠀀教育部投入7.64亿元，占比53%，2023年5月，教发〔2021〕23号，第三批。"
    with fake_registered():
        ex = Extractor()
        bag = db.from_sequence([text, "无", text], npartitions=2)
        got = extract_bag(bag, extractor=ex).compute(scheduler="threads")
        records = extract_bag(bag, extractor=ex, records=True).compute(scheduler="threads")
    spans = ex.extract(text)
    assert len(spans) >= 4
    assert got == [spans, [], spans]
    assert [[json.loads(r["value"]) for r in doc] for doc in records] == [
        [s.value for s in spans],
        [],
        [s.value for s in spans],
    ]


def test_bad_arguments_fail_when_the_graph_is_built():
    bag = db.from_sequence(["一"])
    with pytest.raises(ValueError, match="unknown label"):
        extract_bag(bag, labels=["MONY"])
    with pytest.raises(TypeError, match="Extractor"):
        extract_bag(bag, extractor=object())


def test_a_non_str_element_is_named_in_the_error():
    bag = db.from_sequence(["一", None], npartitions=1)
    with pytest.raises(TypeError, match="each element of the bag must be str, not NoneType"):
        extract_bag(bag).compute(scheduler="sync")
