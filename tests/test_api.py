from __future__ import annotations

import pickle

import pytest

import eduextract
from eduextract import Extractor, Span, extract
from eduextract.span import convert_offset


def test_span_text_must_fit_offsets():
    with pytest.raises(ValueError):
        Span(0, 3, "NUMBER", "12", None)
    with pytest.raises(ValueError):
        Span(3, 3, "NUMBER", "", None)


def test_span_to_dict_has_annotation_keys_and_source():
    s = Span(2, 4, "NUMBER", "14", {"value": 14, "approx": False}, "number.arabic")
    assert s.to_dict() == {
        "start": 2,
        "end": 4,
        "label": "NUMBER",
        "text": "14",
        "value": {"value": 14, "approx": False},
        "source": "number.arabic",
    }


def test_offsets_in_other_units_differ_after_astral_characters():
    doc = "𠀀甲14"
    s = Span(2, 4, "NUMBER", "14", None)
    assert s.offsets(doc) == (2, 4)
    assert s.offsets(doc, "utf16") == (3, 5)
    assert s.offsets(doc, "utf8") == (7, 9)
    with pytest.raises(ValueError):
        convert_offset(doc, 1, "bytes")


@pytest.mark.parametrize("bad", [None, b"abc", 123, ["a"]])
def test_non_str_input_is_a_type_error_naming_the_argument(bad):
    with pytest.raises(TypeError, match="text must be str"):
        extract(bad)


def test_bytes_error_says_how_to_decode():
    with pytest.raises(TypeError, match="decode"):
        extract("七".encode())


def test_unknown_label_lists_valid_ones():
    with pytest.raises(ValueError, match="NUMBER"):
        extract("一", labels=["NUMBERS"])
    with pytest.raises(ValueError):
        Extractor(labels=["FOO"])


def test_empty_text_gives_empty_list():
    assert extract("") == []


def test_import_does_not_pull_spacy():
    import subprocess
    import sys

    code = "import sys, eduextract; print('spacy' in sys.modules, 'jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_extractor_pickles_and_gives_the_same_results():
    ex = Extractor()
    clone = pickle.loads(pickle.dumps(ex))
    text = "组织召开2023届毕业生就业会议，提供120余万个岗位，占比53%。"
    assert clone.extract(text) == ex.extract(text)


def test_version_comes_from_package_metadata():
    from importlib.metadata import version

    assert eduextract.__version__ == version("eduextract")


def test_core_labels_are_a_benchmark_notion():
    assert not hasattr(eduextract, "CORE_LABELS")
    assert "CORE_LABELS" not in eduextract.__all__


def test_values_do_not_depend_on_the_callers_decimal_context():
    import decimal

    text = "占三千七百分之一千二百三十四，投入7.64亿元"
    expected = eduextract.Extractor().extract(text)
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert eduextract.Extractor().extract(text) == expected
