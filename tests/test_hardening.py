"""Crashes and inexact values found by fuzzing, and what ``pipe`` does when one document fails
(issue 16, section 2; the linearity half of the issue is in ``tests/test_redos.py``).

The fuzz run over 100,000 seeded inputs is in the ``slow`` tier at the end of this file.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import warnings
from decimal import Decimal, getcontext
from pathlib import Path

import pytest

import eduextract
from eduextract import ExtractionError, Extractor, FailedDocument, extract
from eduextract import parallel as parallel_module
from eduextract.numerals import parse_numeral

ROOT = Path(__file__).resolve().parents[1]


def spans(text: str) -> list[tuple[str, str, object]]:
    return [(s.label, s.text, s.value) for s in extract(text)]


# -- values: exact at any length, never an exception --------------------------------------------


def test_fraction_of_a_huge_numeral_is_a_value_not_an_exception():
    # was decimal.InvalidOperation (a quantize past 28 digits), about 1 in 2,800 fuzzed inputs
    assert spans("二分之一万亿亿亿") == [
        ("NUMBER", "二分之一万亿亿亿", {"value": 5 * 10**27, "approx": False})
    ]


def test_values_are_exact_past_28_significant_digits():
    assert spans("11111111111111111111111111113亿元") == [(
        "MONEY", "11111111111111111111111111113亿元",
        {"value": 11111111111111111111111111113 * 10**8, "currency": "CNY", "approx": False},
    )]
    assert parse_numeral("1234567890123456789012345678901234567890").value == Decimal(
        "1234567890123456789012345678901234567890")


def test_value_arithmetic_leaves_the_callers_decimal_context_alone():
    before = getcontext().prec
    extract("二分之一万亿亿亿，投入99999999999999999999亿元")
    assert getcontext().prec == before


def test_ordinary_fractions_keep_their_four_places():
    assert spans("三分之一") == [("NUMBER", "三分之一", {"value": 0.3333, "approx": False})]
    assert spans("3又一千分之23") == [
        ("NUMBER", "3又一千分之23", {"value": 3.023, "approx": False})
    ]


# -- long runs: one span or none, never fragments -----------------------------------------------


@pytest.mark.parametrize("text", ["1" * 1000 + "%", "1" * 1000, "5" * 300 + "万元",
                                  "一亿" * 300, "第1234567890条", "1" * 300 + ".5"])
def test_a_long_run_gives_one_span_or_none(text):
    found = extract(text)
    assert len(found) <= 1, [(s.label, s.start, s.end) for s in found]
    for s in found:
        assert s.start == 0 and s.end >= len(text) - 2


def test_a_run_within_the_grammar_is_still_one_span():
    text = "1" * 50 + "%"
    assert [(s.label, s.start, s.end) for s in extract(text)] == [("PERCENT", 0, 51)]
    value = extract("1" * 200 + "万")[0].value["value"]  # past the 20-digit pieces, exact
    assert value == int("1" * 200) * 10_000


# -- spaCy: values of any size survive serialisation ---------------------------------------------

BIG = "投入99999999999999999999亿元，减少负99999999999999999999999亿"


def _values(doc) -> list[object]:
    return [s._.eduextract_value for s in doc.spans["eduextract"]]


def test_spacy_serialisation_keeps_integers_past_64_bits():
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    doc = nlp(BIG)
    expected = _values(doc)
    assert expected[0]["value"] == 99999999999999999999 * 10**8
    assert _values(Doc(nlp.vocab).from_bytes(doc.to_bytes())) == expected
    store = DocBin(store_user_data=True, docs=[doc])
    back = list(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab))
    assert _values(back[0]) == expected


def test_spacy_parallel_pipe_with_integers_past_64_bits():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    texts = [BIG, "没有数字。", BIG]
    serial = [_values(d) for d in nlp.pipe(texts)]
    assert [_values(d) for d in nlp.pipe(texts, n_process=2)] == serial


# -- pipe: a failing document is named and never takes the others with it -------------------------


class _FailOn:
    """A recognizer that raises on one text, standing in for any bug in a layer."""

    name = "fail_on"
    labels: tuple[str, ...] = ()

    def __init__(self, bad: str) -> None:
        self.bad = bad

    def find(self, doc):
        if doc.text == self.bad:
            raise ArithmeticError("boom")
        return iter(())


@pytest.fixture
def failing() -> Extractor:
    ex = Extractor()
    ex._recognizers.append(_FailOn("坏文档"))
    return ex


def _texts(n: int = 600, bad_at: int = 500) -> list[str]:
    texts = [f"新增学位{i}个" for i in range(n)]
    texts[bad_at] = "坏文档"
    return texts


def test_pipe_raises_naming_the_index_after_every_earlier_result(failing):
    got = []
    with pytest.raises(ExtractionError, match=r"texts\[500\] failed: ArithmeticError: boom") as e:
        for result in failing.pipe(_texts()):
            got.append(result)
    assert len(got) == 500 and e.value.index == 500
    assert isinstance(e.value.__cause__, ArithmeticError)
    assert got[499][0].text == "499"


def test_pipe_marker_goes_on_past_a_failing_document(failing):
    results = list(failing.pipe(_texts(), on_error="marker"))
    assert len(results) == 600
    marker = results[500]
    assert marker == FailedDocument(500, "ArithmeticError", "boom") and not marker
    assert results[501][0].text == "501"


def test_pipe_rejects_an_unknown_on_error():
    with pytest.raises(ValueError, match="on_error must be one of 'raise', 'marker'"):
        Extractor().pipe(["x"], on_error="skip")


def test_worker_batches_report_failures_per_document(failing, monkeypatch):
    # the worker half of pipe(n_process>1), run in this process
    monkeypatch.setattr(parallel_module, "_WORKER", failing)
    rows = parallel_module._run_batch(["新增学位7个", "坏文档", "新增学位9个"], None)
    assert rows[1][:2] == ("ArithmeticError", "boom") and "Traceback" in rows[1][2]
    marked = list(parallel_module._rows_to_spans(rows, 64, "marker"))
    assert marked[1] == FailedDocument(65, "ArithmeticError", "boom")
    assert [s.text for s in marked[2]] == ["9"]
    out = []
    with pytest.raises(ExtractionError, match=r"texts\[65\]") as e:
        for r in parallel_module._rows_to_spans(rows, 64, "raise"):
            out.append(r)
    assert len(out) == 1 and e.value.index == 65
    assert any("worker traceback" in note for note in e.value.__notes__)


def test_parallel_pipe_with_markers_equals_serial():
    texts = [f"新增学位{i}个，占比{i}%" for i in range(300)]
    ex = Extractor()
    assert list(ex.pipe(texts, n_process=2, batch_size=32, on_error="marker")) == list(
        ex.pipe(texts))


# -- a script without an ``if __name__ == "__main__":`` guard ------------------------------------

_SCRIPT = """
import eduextract
print("script body ran", flush=True)
{indent}texts = ["新增普惠学位7091个"] * 200
{indent}out = list(eduextract.Extractor().pipe(texts, n_process=2, batch_size=16))
{indent}print("results", len(out), out[0][0].text, flush=True)
"""


def _run_script(tmp_path: Path, guarded: bool) -> subprocess.CompletedProcess[str]:
    body = _SCRIPT.format(indent="    " if guarded else "")
    if guarded:
        lines = body.strip("\n").splitlines()
        body = "\n".join([*lines[:2], 'if __name__ == "__main__":', *lines[2:]]) + "\n"
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_unguarded_script_warns_once_and_runs_once(tmp_path):
    run = _run_script(tmp_path, guarded=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("script body ran") == 1  # no worker re-ran it
    assert "results 200 7091" in run.stdout
    assert run.stderr.count("RuntimeWarning") == 1
    assert 'if __name__ == "__main__":' in run.stderr and "job.py:" in run.stderr


def test_guarded_script_uses_workers_without_a_warning(tmp_path):
    run = _run_script(tmp_path, guarded=True)
    assert run.returncode == 0, run.stderr
    assert "results 200 7091" in run.stdout
    assert "RuntimeWarning" not in run.stderr


def test_guard_check_ignores_calls_from_imported_code():
    # this test module is not __main__: no warning, whatever pytest's own entry point looks like
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parallel_module._unguarded_call_site() is None


# -- fuzz (slow tier) ------------------------------------------------------------------------------

_PIECES = (
    list("0123456789") * 4
    + list("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億廿卅") * 2
    + list("%‰元块角毛分钱年月日号第届个次项所点點又余多几来左右半成约近逾负")
    + list("-.,，、；。 \n（）“”〔〕")
    + ["分之", "百分之", "万亿", "亿亿", "亿亿亿", "万万", "万元", "亿元", "美元", "人民币",
       "2021年", "3月18日", "第三", "〔2021〕23号", "辽教党", "教育厅", "委员会", "时30分",
       "13812345678", "http://a.cn", "1,085", "7.64", "百分点", "今年", "截至", "省教育厅"]
)


def _fuzz_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:  # long runs, where the grammar's bounds are
        return rng.choice("1一亿9") * rng.randint(200, 400) + rng.choice(["", "%", "元", "亿元"])
    if roll < 0.35:  # numeral-grammar shaped: core, optional fraction, approximation, unit
        def core() -> str:
            return "".join(rng.choice(_PIECES[:110]) for _ in range(rng.randint(1, 12)))
        parts = [rng.choice(["", "", "约", "近", "负", "第"]), core()]
        if rng.random() < 0.3:
            parts += ["分之", core()]
        parts.append(rng.choice(["", "余", "多", "万", "亿", "亿亿", "左右", "%", "元", "亿元",
                                 "个", "年", "月", "日", "号"]))
        return "".join(parts)
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))


@pytest.mark.slow
def test_fuzz_100k_inputs_raise_nothing():
    """100,000 seeded inputs: no exception; spans sorted, disjoint, exact slices, JSON values."""
    rng = random.Random(16_2026)
    ex = eduextract.default_extractor()
    for i in range(100_000):
        text = _fuzz_text(rng)
        try:
            found = ex.extract(text)
            json.dumps([s.to_dict() for s in found], allow_nan=False, ensure_ascii=False)
        except Exception as exc:  # pragma: no cover - the failure report
            pytest.fail(f"input #{i} {text!r}: {type(exc).__name__}: {exc}")
        end = 0
        for s in found:
            assert end <= s.start < s.end <= len(text), (i, text)
            assert text[s.start : s.end] == s.text, (i, text)
            end = s.end
