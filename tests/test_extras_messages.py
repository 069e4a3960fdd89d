"""Optional extras: importing an integration without its extra names the extra to install."""

from __future__ import annotations

import importlib
import sys

import pytest


@pytest.mark.parametrize(
    "module, blocked, extra",
    [
        ("eduextract.integrations.spark", "pandas", "spark"),
        ("eduextract.integrations.spark", "pyspark", "spark"),
        ("eduextract.integrations.spark", "pyarrow", "spark"),
        ("eduextract.integrations.dask", "dask.bag", "dask"),
    ],
)
def test_missing_extra_is_named(monkeypatch, module, blocked, extra):
    monkeypatch.setitem(sys.modules, blocked, None)  # `import blocked` now raises ImportError
    monkeypatch.delitem(sys.modules, module, raising=False)
    with pytest.raises(ImportError) as info:
        importlib.import_module(module)
    message = str(info.value)
    assert f"pip install 'eduextract[{extra}]'" in message
    assert blocked in message


def test_dataframe_export_names_its_extra(monkeypatch):
    from eduextract import export

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"eduextract\[pandas\]"):
        export.to_dataframe([])


def test_pkuseg_without_a_model_fails_as_the_troubleshooting_page_says():
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_pkuseg")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    with pytest.raises(ValueError, match="E1000"):
        nlp("教育部印发通知")
    with pytest.raises(FileNotFoundError, match="pkuseg model"):
        nlp.tokenizer.initialize(pkuseg_model="/no/such/pkuseg/model")
