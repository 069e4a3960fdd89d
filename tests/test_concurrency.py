"""One extractor, many threads; pickled extractors in worker processes; the parallel pipe
(issue 8 item 4, issue 7 item 2).

Results must be exactly the sequential ones: same spans, same order, nothing lost or
duplicated, whatever the interleaving or the process they were computed in.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import count, islice
from pathlib import Path

import pytest
from _fakes import extractor_with_fake
from _invariants import SENTENCES, assert_valid_spans, extract_with, sample_texts

from eduextract import Extractor

REAL = Extractor()
FAKE = extractor_with_fake()
ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(scope="module")
def corpus(gold_docs) -> list[str]:
    rng = random.Random(8)
    texts = sample_texts(gold_docs)
    # Mixed sizes so threads finish out of order: whole documents and single sentences.
    pieces = [t[i : i + rng.randint(5, 400)] for t in texts for i in range(0, len(t), 397)]
    return texts + pieces


@pytest.mark.parametrize("ex", [pytest.param(REAL, id="real"), pytest.param(FAKE, id="fake")])
def test_eight_threads_sharing_one_extractor_match_sequential_results(ex, corpus):
    expected = [ex.extract(t) for t in corpus]
    work = list(range(len(corpus))) * 4
    random.Random(1).shuffle(work)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, ex.extract(corpus[i])), work))
    for i, spans in got:
        assert spans == expected[i], f"text #{i} differs under threads"
    if ex is FAKE:
        assert sum(map(len, expected)) > 50, "the fake layer should find spans in the corpus"


def test_default_extractor_is_built_once_under_concurrent_first_use():
    code = (
        "import threading, eduextract.extractor as e\n"
        "barrier = threading.Barrier(8); seen = []\n"
        "def go():\n"
        "    barrier.wait(); seen.append(id(e.default_extractor()))\n"
        "ts = [threading.Thread(target=go) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(len(set(seen)), len(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "8"]


def test_extractor_pickles_as_its_configuration():
    ex = Extractor(labels=["NUMBER", "MONEY"], disabled=["org"])
    data = pickle.dumps(ex)
    assert len(data) < 2_000, "pickle should carry the configuration, not compiled data"
    clone = pickle.loads(data)
    assert clone.labels == ex.labels and clone.config == ex.config
    assert [r.name for r in clone.recognizers] == [r.name for r in ex.recognizers]
    for text in SENTENCES:
        assert clone.extract(text) == ex.extract(text)


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_extractor_works_in_a_multiprocessing_pool(method, corpus):
    if method not in mp.get_all_start_methods():
        pytest.skip(f"{method} not available here")
    ex = Extractor(labels=["NUMBER", "PERCENT", "MONEY", "DATE", "DOCNO", "ORG", "ORDINAL"])
    with mp.get_context(method).Pool(2) as pool:
        got = pool.map(partial(extract_with, ex), corpus, chunksize=8)
    assert got == [ex.extract(t) for t in corpus]


@pytest.mark.parametrize("batch_size", [1, 7, 64])
def test_parallel_pipe_is_ordered_and_equal_to_serial(corpus, batch_size):
    serial = list(REAL.pipe(corpus))
    parallel = list(REAL.pipe(iter(corpus), n_process=2, batch_size=batch_size))
    assert parallel == serial
    for text, spans in zip(corpus, parallel, strict=True):
        assert_valid_spans(text, spans)


def test_parallel_pipe_applies_the_label_filter(corpus):
    wanted = ["NUMBER", "DATE"]
    got = list(REAL.pipe(corpus, n_process=2, batch_size=5, labels=wanted))
    assert got == [REAL.extract(t, labels=wanted) for t in corpus]


def test_parallel_pipe_on_an_endless_generator_reads_only_a_bounded_window():
    """Memory stays flat: the pipe pulls at most the in-flight window ahead of the consumer."""
    pulled = count()

    def endless():
        for i in count():
            next(pulled)
            yield f"第{i}批投入{i}万元，占比{i % 100}%。"

    n_process, batch_size = 2, 16
    stream = REAL.pipe(endless(), n_process=n_process, batch_size=batch_size)
    taken = list(islice(stream, 500))
    ahead = next(pulled) - 1 - len(taken)
    stream.close()  # stops the workers; must not hang
    assert len(taken) == 500
    assert 0 <= ahead <= (2 * n_process + 1) * batch_size, ahead
    assert not [p for p in mp.active_children() if p.is_alive()]


def test_parallel_pipe_on_empty_input():
    assert list(REAL.pipe([], n_process=2)) == []
    assert list(REAL.pipe(iter(()), n_process=2, batch_size=1)) == []


def test_a_worker_that_cannot_start_is_an_error_not_a_hang(monkeypatch):
    """Workers whose extractor cannot be rebuilt fail at start-up, and the pipe says so
    instead of waiting for results forever.  (A vanished user gazetteer no longer does this:
    workers use the snapshot taken when the Extractor was built.)  ``fork`` workers inherit
    the patched ``build_all``, so the failure happens inside every worker."""
    import multiprocessing as mp

    from eduextract import extractor as extractor_module
    from eduextract import parallel

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("needs the fork start method")
    ex = Extractor(disabled=["dates"])  # not the default configuration: workers must build

    def broken(config):
        raise RuntimeError("cannot build")

    monkeypatch.setattr(parallel, "_mp_context", lambda *a: mp.get_context("fork"))
    monkeypatch.setattr(extractor_module, "build_all", broken)
    with pytest.raises(RuntimeError, match="worker process died"):
        list(ex.pipe(["一", "二"] * 50, n_process=2, batch_size=10))


def test_script_from_standard_input_falls_back_to_one_process():
    """``python - < job.py``: workers could not import ``__main__``; run serially, warn."""
    script = (
        "import warnings\n"
        "from eduextract import Extractor\n"
        "ex = Extractor()\n"
        "texts = ['投入7.64亿元', '占比53%'] * 20\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    got = list(ex.pipe(texts, n_process=2, batch_size=4))\n"
        "assert got == [ex.extract(t) for t in texts]\n"
        "print(any('standard input' in str(w.message) for w in caught))\n"
    )
    out = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(ROOT),
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True"]
