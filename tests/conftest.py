from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def extractor():
    from eduextract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def gold_docs() -> list[dict]:
    with open(DATA / "gold_seeds.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# -- the quick loop: ``pytest -m "not slow"`` ---------------------------------------------------
# CI runs everything; a developer runs ``-m "not slow"`` (under a minute).  Slow are whole
# modules that start Spark, Dask or process pools, build wheels, or time patterns on long
# inputs (robustness), and single tests that start a Python subprocess or run hypothesis with
# hundreds of examples.  A test marked here is listed by module or found by what it does, so
# a new subprocess test is slow without anyone remembering to mark it.
SLOW_MODULES = frozenset({
    "test_spark.py", "test_dask.py", "test_concurrency.py", "test_robustness.py",
    "test_redos.py", "test_bench_cli.py", "test_wheel.py",
})
SLOW_TESTS = frozenset({
    "test_firstchars.py::test_random_texts_start_inside_the_class",
    "test_org.py::test_derived_gazetteers_are_current",
    "test_spacy_real_layers.py::test_gold_documents_keep_every_span",
})
#: a call of a module's own subprocess helper (``run(…)``, ``shell(…)``), or a process pool
_HELPER_CALL = re.compile(r"(?<![\w.])(?:run|shell)\(")
_POOL = re.compile(r"n_process\s*=\s*(?:[2-9]|-1)")


def _starts_a_process(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    if function is None:
        return False
    source = inspect.getsource(function)
    if "subprocess" in source or "sys.executable" in source or _POOL.search(source):
        return True
    module = getattr(item, "module", None)
    module_spawns = module is not None and hasattr(module, "subprocess")
    return module_spawns and _HELPER_CALL.search(source) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        name = item.path.name
        key = f"{name}::{getattr(item, 'originalname', item.name)}"
        if name in SLOW_MODULES or key in SLOW_TESTS or _starts_a_process(item):
            item.add_marker(pytest.mark.slow)
