"""The Baidu LAC baseline: chunking and offsets (always), the real tool (when reachable).

LAC and paddle live outside the project's environment: the tests that run it skip unless LAC
imports here or ``EDUEXTRACT_LAC_PYTHON`` names an interpreter that has it.
"""

from __future__ import annotations

import importlib.util
import json
import os

import pytest

from benchmarks import lac_worker
from benchmarks.adapters import ADAPTERS, LacAdapter

FAKE_NAMES = (("教育部", "ORG"), ("东北大学", "nt"))


class FakeLac:
    """Splits into single characters except known names; tags those ``ORG`` (or ``nt``)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def run(self, text: str) -> list[list[str]]:
        self.calls.append(text)
        words, tags, i = [], [], 0
        while i < len(text):
            for name, tag in FAKE_NAMES:
                if text.startswith(name, i):
                    words.append(name)
                    tags.append(tag)
                    i += len(name)
                    break
            else:
                words.append(text[i])
                tags.append("w")
                i += 1
        return [words, tags]


def test_chunks_cut_after_sentence_ends_and_cover_the_text():
    text = "教育部发文。东北大学！\n\n问？好；尾"
    got = lac_worker.chunks(text)
    assert [c for _, c in got] == ["教育部发文。", "东北大学！", "问？", "好；", "尾"]
    for offset, chunk in got:
        assert text[offset : offset + len(chunk)] == chunk


def test_org_offsets_are_code_points_of_the_whole_text():
    fake = FakeLac()
    text = "𠀀前言。\n今年教育部和东北大学！ 东北大学"
    offsets = lac_worker.org_offsets(fake, text)
    assert [text[s:e] for s, e in offsets] == ["教育部", "东北大学", "东北大学"]
    assert all(len(c) <= 14 for c in fake.calls)  # fed sentence by sentence, not whole


def test_org_offsets_strip_whitespace_lac_keeps_in_a_word():
    class Spacey:
        def run(self, text: str) -> list[list[str]]:
            return [[" 教育部", "。"], ["ORG", "w"]] if text == " 教育部。" else [[text], ["w"]]

    assert lac_worker.org_offsets(Spacey(), " 教育部。") == [(1, 4)]


def test_lac_is_registered_as_an_org_only_baseline():
    assert ADAPTERS["lac"] is LacAdapter and LacAdapter.labels == ("ORG",)


def test_without_lac_or_interpreter_the_reason_is_reported(monkeypatch):
    if importlib.util.find_spec("LAC") is not None:
        pytest.skip("LAC imports in this environment")
    monkeypatch.delenv(LacAdapter.ENV, raising=False)
    a = LacAdapter(cache_dir=None)
    assert not a.available()
    assert LacAdapter.ENV in (a.error or "")


def test_a_broken_interpreter_is_reported_not_raised(monkeypatch, tmp_path):
    if importlib.util.find_spec("LAC") is not None:
        pytest.skip("LAC imports in this environment")
    monkeypatch.setenv(LacAdapter.ENV, str(tmp_path / "no-such-python"))
    a = LacAdapter(cache_dir=None)
    assert not a.available()
    assert "no-such-python" in (a.error or "")


def _lac_reachable() -> bool:
    return importlib.util.find_spec("LAC") is not None or bool(os.environ.get(LacAdapter.ENV))


@pytest.fixture(scope="module")
def lac():
    if not _lac_reachable():
        pytest.skip(f"LAC not importable and {LacAdapter.ENV} not set")
    a = LacAdapter(cache_dir=None)
    if not a.available():
        pytest.skip(f"LAC unavailable: {a.error}")
    yield a
    a.close()


def test_real_lac_finds_orgs_with_exact_offsets(lac):
    text = "2021年，辽宁省教育厅和东北大学召开会议。\n教育部印发通知；北京大学参加。"
    spans = lac.predict(text)
    assert spans, "LAC found no ORG at all"
    for s in spans:
        assert s["label"] == "ORG" and text[s["start"] : s["end"]] == s["text"]
    assert {"辽宁省教育厅", "东北大学"} <= {s["text"] for s in spans}


def test_predict_many_caches_by_content(lac, tmp_path):
    texts = ["教育部和东北大学。", "无机构。"]
    lac.cache_dir = tmp_path
    try:
        first = lac.predict_many(texts)
        files = list(tmp_path.glob("*.json"))
        assert len(files) == 1
        assert json.loads(files[0].read_text()) == [
            [[s["start"], s["end"]] for s in spans] for spans in first
        ]
        assert lac.predict_many(texts) == first  # read back from the cache
        lac.predict_many([*texts, "又一句。"])
        assert len(list(tmp_path.glob("*.json"))) == 2  # other content, other file
    finally:
        lac.cache_dir = None
