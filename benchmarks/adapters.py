"""Adapters that turn eduextract and the tools users would pick instead into one span format.

Each adapter exposes ``name``, ``labels`` (the labels the tool can produce at all, so tables
show "—" rather than a misleading 0 for labels it does not cover), ``available()`` (the
optional package imports; a missing one is skipped with its reason, never an error),
``predict(text)`` (ANNOTATION.md span dicts, for scoring) and ``raw(text)`` (the tool's own
call and nothing else, for timing: the adapter's alignment work is ours, not the tool's).
"""

from __future__ import annotations

import atexit
import difflib
import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

Span = dict[str, Any]

#: git-ignored folder for cached predictions of slow baselines
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

#: priority when a baseline's own outputs overlap (mirrors eduextract.resolve's order)
_PRIORITY = {"DOCNO": 6, "MONEY": 5, "PERCENT": 4, "DATE": 3, "ORG": 2, "ORDINAL": 1, "NUMBER": 0}


def number(text: str) -> int | float | None:
    """``int`` when integral, else ``float``; ``None`` when ``text`` is not a number."""
    try:
        d = Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Longest first, then label priority: the same rule eduextract applies to its candidates.

    Baselines with several recognizers (number, percentage, currency) report nested results;
    without this they would be charged a false positive for the number inside every amount.
    """
    taken: list[tuple[int, int]] = []
    out: list[Span] = []
    ranked = sorted(
        spans, key=lambda s: (-(s["end"] - s["start"]), -_PRIORITY.get(s["label"], 0), s["start"])
    )
    for s in ranked:
        if any(s["start"] < e and b < s["end"] for b, e in taken):
            continue
        taken.append((s["start"], s["end"]))
        out.append(s)
    return sorted(out, key=lambda s: s["start"])


def _span(text: str, start: int, end: int, label: str, value: Any, source: str) -> Span:
    return {
        "start": start,
        "end": end,
        "label": label,
        "text": text[start:end],
        "value": value,
        "source": source,
    }


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the surrounding whitespace some tools include in their offsets."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Adapter:
    name = ""
    labels: tuple[str, ...] = ()
    package = ""  # pip name of the optional extra
    description = ""

    def __init__(self) -> None:
        self._ready = False
        self.error: str | None = None

    def available(self) -> bool:
        if not self._ready and self.error is None:
            try:
                self.load()
                self._ready = True
            except Exception as exc:  # ImportError, or a broken install of the optional tool
                self.error = f"{type(exc).__name__}: {exc}"
        return self._ready

    def load(self) -> None:
        raise NotImplementedError

    def raw(self, text: str) -> Any:
        raise NotImplementedError

    def predict(self, text: str) -> list[Span]:
        raise NotImplementedError

    def import_statement(self) -> str:
        """Python that imports the tool and defines ``first(text)``, for start-up timing."""
        raise NotImplementedError

    def predict_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Predictions for a whole file; slow tools override it to cache by content."""
        return [self.predict(t) for t in texts]


class EduextractAdapter(Adapter):
    name = "eduextract"
    labels = ("NUMBER", "ORDINAL", "PERCENT", "MONEY", "ORG", "DOCNO", "DATE")
    package = "eduextract"
    description = "this library, all labels, default Extractor()"

    def load(self) -> None:
        from eduextract import Extractor

        self.extractor = Extractor()

    def raw(self, text: str) -> Any:
        return self.extractor.extract(text)

    def predict(self, text: str) -> list[Span]:
        return [s.to_dict() for s in self.extractor.extract(text)]

    def import_statement(self) -> str:
        return "import eduextract\nfirst = eduextract.extract"


class Cn2anAdapter(Adapter):
    """``cn2an.transform(text, "cn2an")`` rewrites Chinese numerals as digits; we align.

    The output's digit runs (``50%`` → PERCENT, ``1/3`` → fraction) are mapped back to the
    input through a character alignment, so ``百分之五十`` becomes one PERCENT span.  Digits
    already in the input count too: after the rewrite a user of cn2an would find them with the
    same regex.  What cn2an leaves alone stays alone (``5千``, ``1.5万`` give NUMBER ``5``,
    ``1.5``): the baseline is the tool as shipped, not what we wish it did.
    """

    name = "cn2an"
    labels = ("NUMBER", "PERCENT")
    package = "cn2an"
    description = "cn2an.transform(text, 'cn2an') + character alignment"
    _NUM = re.compile(r"\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?|%)?")

    def load(self) -> None:
        import cn2an

        self._transform = cn2an.transform

    def raw(self, text: str) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self._transform(text, "cn2an")

    def predict(self, text: str) -> list[Span]:
        out = self.raw(text)
        to_input = _alignment(text, out)
        spans = []
        for m in self._NUM.finditer(out):
            s = to_input[m.start()][0]
            e = to_input[m.end() - 1][1]
            s, e = _strip(text, s, e)
            if s >= e:
                continue
            literal = m.group()
            if literal.endswith("%"):
                value = number(literal[:-1])
                spans.append(
                    _span(
                        text, s, e, "PERCENT", {"value": value, "unit": "percent"}, "cn2an.percent"
                    )
                )
            elif "/" in literal:
                num, den = (number(x) for x in literal.split("/"))
                value = round(num / den, 4) if num is not None and den else None
                spans.append(
                    _span(text, s, e, "NUMBER", {"value": value, "approx": False}, "cn2an.fraction")
                )
            else:
                spans.append(
                    _span(
                        text,
                        s,
                        e,
                        "NUMBER",
                        {"value": number(literal), "approx": False},
                        "cn2an.number",
                    )
                )
        return non_overlapping(spans)

    def import_statement(self) -> str:
        return (
            "import warnings\nwarnings.simplefilter('ignore')\nimport cn2an\n"
            "first = lambda t: cn2an.transform(t, 'cn2an')"
        )


def _alignment(src: str, out: str) -> list[tuple[int, int]]:
    """For each character of ``out``, the ``[start, end)`` of ``src`` it came from."""
    mapping: list[tuple[int, int]] = [(0, 0)] * len(out)
    matcher = difflib.SequenceMatcher(None, src, out, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                mapping[j1 + k] = (i1 + k, i1 + k + 1)
        else:
            for j in range(j1, j2):
                mapping[j] = (i1, max(i2, i1 + 1))
    return mapping


_CURRENCY = {
    "元": "CNY",
    "人民币": "CNY",
    "块": "CNY",
    "角": "CNY",
    "分": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "韩元": "KRW",
    "卢布": "RUB",
    "澳元": "AUD",
    "加元": "CAD",
    "新台币": "TWD",
    "台币": "TWD",
}


class JioNLPAdapter(Adapter):
    """JioNLP's rule-based money and time extractors (``jionlp.ner``)."""

    name = "jionlp"
    labels = ("MONEY", "DATE")
    package = "jionlp"
    description = "jionlp.ner.extract_money (MONEY) + extract_time (DATE, iso from its parse)"

    def load(self) -> None:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jionlp

        self._jio = jionlp
        # a fixed base so DATE values do not depend on the day the benchmark runs
        self._base = 1672531200  # 2023-01-01T00:00:00Z

    def raw(self, text: str) -> Any:
        import logging

        # its time parser logs a traceback to the root logger for every string it gives up on
        logging.disable(logging.ERROR)
        try:
            return (
                self._jio.ner.extract_money(text, with_parsing=True),
                self._jio.ner.extract_time(text, time_base=self._base, with_parsing=True),
            )
        finally:
            logging.disable(logging.NOTSET)

    def predict(self, text: str) -> list[Span]:
        money, times = self.raw(text)
        spans = []
        for m in money:
            s, e = _strip(text, *m["offset"])
            if s >= e:
                continue
            detail = m.get("detail") or {}
            value = {
                "value": number(str(detail.get("num", ""))),
                "currency": _CURRENCY.get(str(detail.get("case", "")), detail.get("case")),
                "approx": detail.get("definition") == "blur",
            }
            spans.append(_span(text, s, e, "MONEY", value, "jionlp.money"))
        for t in times:
            if t.get("type") not in ("time_point", "time_span"):
                continue  # periods and deltas (三年) are durations: unlabeled in the guideline
            s, e = _strip(text, *t["offset"])
            if s < e:
                iso = _iso(t.get("detail") or {})
                spans.append(_span(text, s, e, "DATE", {"iso": iso}, "jionlp.time"))
        return non_overlapping(spans)

    def import_statement(self) -> str:
        return (
            "import contextlib, io, warnings\nwarnings.simplefilter('ignore')\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    import jionlp\n"
            "first = jionlp.ner.extract_money"
        )


def _iso(detail: dict[str, Any]) -> str | None:
    """The smallest calendar unit containing JioNLP's ``[start, end]`` datetime pair."""
    pair = detail.get("time")
    if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
        return None
    a, b = pair[0][:10], pair[1][:10]
    if a == b:
        return a
    if a[:7] == b[:7] and a[8:] == "01":
        return a[:7]
    if a[:4] == b[:4] and a[5:] == "01-01" and b[5:] == "12-31":
        return a[:4]
    return f"{a}/{b}"


class MsRecognizersAdapter(Adapter):
    """Microsoft Recognizers-Text 1.0.1, Culture Chinese: number, ordinal, percentage, currency.

    Release 1.0.1 ships its working code as ``ms_recognizers_*`` modules; the
    ``recognizers_number`` package it also installs imports a missing ``recognizers_text`` and
    fails.  Result ``end`` offsets are inclusive, hence ``+ 1``.
    """

    name = "ms_recognizers"
    labels = ("NUMBER", "ORDINAL", "PERCENT", "MONEY")
    package = "ms-recognizers-text-suite"
    description = "ms_recognizers_number / _number_with_unit models, Culture.Chinese"

    def load(self) -> None:
        from ms_recognizers_number import Culture, NumberRecognizer
        from ms_recognizers_number_with_unit import NumberWithUnitRecognizer

        nr = NumberRecognizer(Culture.Chinese)
        self._models: list[tuple[str, Any]] = [
            ("NUMBER", nr.get_number_model()),
            ("ORDINAL", nr.get_ordinal_model()),
            ("PERCENT", nr.get_percentage_model()),
            ("MONEY", NumberWithUnitRecognizer(Culture.Chinese).get_currency_model()),
        ]

    def raw(self, text: str) -> Any:
        return [(label, model.parse(text)) for label, model in self._models]

    def predict(self, text: str) -> list[Span]:
        spans = []
        for label, results in self.raw(text):
            for r in results:
                s, e = r.start, r.end + 1  # inclusive end
                if not (0 <= s < e <= len(text)):
                    continue
                res = r.resolution or {}
                raw_value = str(res.get("value", ""))
                if label == "PERCENT":
                    value: Any = {"value": number(raw_value.rstrip("%")), "unit": "percent"}
                elif label == "MONEY":
                    value = {
                        "value": number(raw_value),
                        "currency": res.get("isoCurrency") or res.get("unit"),
                        "approx": False,
                    }
                elif label == "ORDINAL":
                    value = {"value": number(raw_value)}
                else:
                    value = {"value": number(raw_value), "approx": False}
                spans.append(_span(text, s, e, label, value, f"ms_recognizers.{label.lower()}"))
        return non_overlapping(spans)

    def import_statement(self) -> str:
        return (
            "from ms_recognizers_number import NumberRecognizer, Culture\n"
            "_m = NumberRecognizer(Culture.Chinese).get_number_model()\nfirst = _m.parse"
        )


class JiebaNtAdapter(Adapter):
    """jieba.posseg words tagged ``nt`` (organisation) as a naive ORG baseline."""

    name = "jieba_nt"
    labels = ("ORG",)
    package = "jieba"
    description = "jieba.posseg.cut, words tagged nt → ORG (kind other)"

    def load(self) -> None:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._cut: Callable[[str], Any] = jieba.posseg.lcut
        self._cut("预热")  # loads the dictionary now, not inside the first timed run

    def raw(self, text: str) -> Any:
        return self._cut(text)

    def predict(self, text: str) -> list[Span]:
        spans = []
        pos = 0
        for pair in self.raw(text):
            word, flag = pair.word, pair.flag
            if flag == "nt":
                spans.append(
                    _span(text, pos, pos + len(word), "ORG", {"kind": "other"}, "jieba.posseg.nt")
                )
            pos += len(word)
        return spans

    def import_statement(self) -> str:
        return (
            "import logging, jieba, jieba.posseg\njieba.setLogLevel(logging.WARNING)\n"
            "first = jieba.posseg.lcut"
        )


class LacAdapter(Adapter):
    """Baidu LAC (BiGRU-CRF lexical analyser), words tagged ``ORG`` → ORG.

    LAC needs paddlepaddle and ``numpy<2``, kept out of the project's environment: it runs
    in-process when importable, else in a worker subprocess of the interpreter named by
    ``EDUEXTRACT_LAC_PYTHON`` (``benchmarks/lac_worker.py``, JSON lines).  It runs at about
    25k characters per CPU-second, so ``predict_many`` caches each file's predictions under
    ``benchmarks/.cache/lac/`` keyed by the content hash of the texts.
    """

    name = "lac"
    labels = ("ORG",)
    package = "lac"
    description = "Baidu LAC 2.1.2 mode='lac', words tagged ORG, sentence chunks"
    ENV = "EDUEXTRACT_LAC_PYTHON"

    def __init__(self, cache_dir: Path | None = CACHE_DIR / "lac") -> None:
        super().__init__()
        self.cache_dir = cache_dir
        self._lac: Any = None
        self._proc: Any = None
        self.mode = ""
        self.version: str | None = None

    def load(self) -> None:
        from . import lac_worker

        try:
            self._lac = lac_worker.load_lac()
            self._org_offsets = lac_worker.org_offsets
            self.mode = "in-process"
            return
        except ImportError as exc:
            python = os.environ.get(self.ENV)
            if not python:
                raise ImportError(
                    f"LAC is not importable here ({exc}) and {self.ENV} is not set "
                    "(point it at a python with lac + paddlepaddle, e.g. /work/lacvenv/bin/python)"
                ) from None
        self._start_worker(python)

    def _start_worker(self, python: str) -> None:
        import subprocess

        worker = Path(__file__).with_name("lac_worker.py")
        try:
            self._proc = subprocess.Popen(
                [python, str(worker)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as exc:
            raise ImportError(f"{self.ENV}={python!r} cannot be started: {exc}") from None
        for line in self._proc.stdout:  # paddle may print before the worker is ready
            if line.startswith('{"ready"'):
                self.version = json.loads(line).get("version")
                break
        else:
            code = self._proc.wait()
            raise ImportError(f"LAC worker under {python} exited with {code} before it was ready")
        self.mode = f"worker ({python})"
        atexit.register(self.close)

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.stdin.close()
            self._proc.wait(timeout=10)
        self._proc = None

    def _offsets(self, text: str) -> list[tuple[int, int]]:
        if self._lac is not None:
            return self._org_offsets(self._lac, text)
        assert self._proc is not None, "call available() first"
        self._proc.stdin.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
        self._proc.stdin.flush()
        reply = self._proc.stdout.readline()
        if not reply:
            raise RuntimeError("LAC worker died (run it by hand to see its error)")
        return [tuple(x) for x in json.loads(reply)["orgs"]]

    def raw(self, text: str) -> Any:
        return self._offsets(text)

    def predict(self, text: str) -> list[Span]:
        return [
            _span(text, s, e, "ORG", {"kind": "other"}, "lac.ORG") for s, e in self._offsets(text)
        ]

    def predict_many(self, texts: Sequence[str]) -> list[list[Span]]:
        if self.cache_dir is None:
            return [self.predict(t) for t in texts]
        digest = hashlib.sha256()
        # the worker's chunking and offset code is part of the key: a change there re-runs LAC
        digest.update(Path(__file__).with_name("lac_worker.py").read_bytes())
        for t in texts:
            digest.update(t.encode("utf-8") + b"\0")
        path = self.cache_dir / f"{digest.hexdigest()[:32]}.json"
        if path.is_file():
            offsets = json.loads(path.read_text(encoding="utf-8"))
        else:
            offsets = [self._offsets(t) for t in texts]
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(offsets), encoding="utf-8")
        return [
            [_span(t, s, e, "ORG", {"kind": "other"}, "lac.ORG") for s, e in offs]
            for t, offs in zip(texts, offsets, strict=True)
        ]

    def import_statement(self) -> str:
        if self._proc is not None:
            raise NotImplementedError("LAC runs in a worker of another interpreter")
        return "from benchmarks.lac_worker import load_lac\n_l = load_lac()\nfirst = _l.run"


ADAPTERS: dict[str, type[Adapter]] = {
    a.name: a
    for a in (
        EduextractAdapter,
        Cn2anAdapter,
        JioNLPAdapter,
        MsRecognizersAdapter,
        JiebaNtAdapter,
        LacAdapter,
    )
}
