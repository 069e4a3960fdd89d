"""No regular expression in eduextract backtracks catastrophically (issue 8, item 3).

Every pattern of every rule file, and every compiled pattern a recognizer module or a built
recognizer holds (found by scanning for ``re.Pattern`` objects, so a layer needs no
registration), is fed adversarial strings made of its *own* characters: long runs of each
character it can repeat (``1111…``, ``一一一…``, ``〔〔〔…``), alternations of two (``1.1.1.…``),
and its literal prefix followed by such a run.  Time must grow linearly: for 10× the input
at most 15× the time, measured as a ratio in this run (absolute times vary by machine).

Python's ``re`` is a backtracking engine: ``\\d+年`` scans a run of *n* digits *n* times
(quadratic, 20 s for 100,000 digits), ``(\\d+)+年`` is exponential.  The usual fixes are a
bound (``\\d{1,12}``) or a look-behind that allows a start only at the beginning of a run
(``(?<!\\d)\\d+年``).  A rule file failing here is rejected: the test names file and rule.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from itertools import permutations
from re import _constants as C  # the sre opcode constants
from re import _parser
from types import ModuleType

import pytest

from eduextract import Extractor
from eduextract.recognizers import REGISTRY
from eduextract.rules import all_rule_files, load_rules

BASE = 1_000  # the ratio compares BASE and 10 * BASE characters
MAX_RATIO = 15.0
SLOW = 0.2  # seconds for one call on ≤ 1,000 characters: a hang in the making, stop there
LADDER = (10, 12, 14, 16, 18, 20, 22, 24, 27, 30, 35, 40, 50, 60, 80, 100, 150, 200, 300, 500, BASE)


# -- where patterns come from --------------------------------------------------------------------


def rule_patterns(filename: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(f"{filename} rule {r.name!r}", r.pattern) for r in load_rules(filename)]


def _patterns_in(obj: object, depth: int = 0, seen: set[int] | None = None) -> Iterator[re.Pattern]:
    """Compiled patterns held by ``obj``: directly, in containers, or in attributes."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield obj
    elif isinstance(obj, str | bytes | int | float | type(None) | type | ModuleType):
        return  # other modules (``re`` itself and its cache) are not this layer's patterns
    elif callable(obj):
        return
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _patterns_in(value, depth + 1, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for value in obj:
            yield from _patterns_in(value, depth + 1, seen)
    else:
        attrs = getattr(obj, "__dict__", None)
        if isinstance(attrs, dict):
            yield from _patterns_in(attrs, depth + 1, seen)
        for slot in getattr(type(obj), "__slots__", ()):
            if hasattr(obj, slot):
                yield from _patterns_in(getattr(obj, slot), depth + 1, seen)


def recognizer_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Patterns in each recognizer module's globals and in each built recognizer."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for target in REGISTRY.values():
        module = import_module(target.partition(":")[0])
        for attr, value in vars(module).items():
            if attr.startswith("__"):
                continue
            for pattern in _patterns_in(value):
                key = (pattern.pattern, pattern.flags)
                found.setdefault(key, (f"{module.__name__}.{attr}", pattern))
    for recognizer in Extractor().recognizers:
        for pattern in _patterns_in(recognizer):
            key = (pattern.pattern, pattern.flags)
            found.setdefault(key, (f"recognizer {recognizer.name!r}", pattern))
    return [v for v in found.values() if isinstance(v[1].pattern, str)]


# -- adversarial inputs from a pattern's own characters ------------------------------------------

_CATEGORY_SAMPLES = {
    C.CATEGORY_DIGIT: "1",
    C.CATEGORY_NOT_DIGIT: "年",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "x",
    C.CATEGORY_WORD: "一",
    C.CATEGORY_NOT_WORD: "，",
}
_SAMPLE_IN_RANGE = "1一〔号年省委第。 a"


@dataclass
class Alphabet:
    repeated: list[str]  # characters that can occur under a repetition (where backtracking lives)
    other: list[str]
    prefix: str  # the pattern's leading literal characters


def _set_chars(items: list, out: list[str]) -> None:
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.RANGE:
            lo, hi = av
            out += [chr(lo), chr(hi)]
            out += [c for c in _SAMPLE_IN_RANGE if lo <= ord(c) <= hi]
        elif op is C.CATEGORY and av in _CATEGORY_SAMPLES:
            out.append(_CATEGORY_SAMPLES[av])


def _walk(items, repeated: bool, rep: list[str], other: list[str]) -> None:
    for op, av in items:
        target = rep if repeated else other
        if op is C.LITERAL:
            target.append(chr(av))
        elif op is C.NOT_LITERAL or op is C.ANY:
            target += ["x", "1", "一"]
        elif op is C.IN:
            _set_chars(av, target)
        elif op is C.CATEGORY:
            _set_chars([(op, av)], target)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _low, high, sub = av
            _walk(sub, repeated or high is C.MAXREPEAT or high > 4, rep, other)
        elif op is C.SUBPATTERN:
            _walk(av[-1], repeated, rep, other)
        elif op is C.ATOMIC_GROUP:
            _walk(av, repeated, rep, other)
        elif op is C.BRANCH:
            for sub in av[1]:
                _walk(sub, repeated, rep, other)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], repeated, rep, other)
        elif op is C.GROUPREF_EXISTS:
            _walk(av[1], repeated, rep, other)
            if av[2] is not None:
                _walk(av[2], repeated, rep, other)


def alphabet(pattern: re.Pattern[str]) -> Alphabet:
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    rep: list[str] = []
    other: list[str] = []
    _walk(parsed.data, False, rep, other)
    prefix = ""
    for op, av in parsed.data:
        if op is not C.LITERAL:
            break
        prefix += chr(av)

    def dedupe(chars: list[str]) -> list[str]:
        return list(dict.fromkeys(chars))

    repeated = dedupe(rep)
    return Alphabet(repeated, [c for c in dedupe(other) if c not in repeated], prefix)


def families(pattern: re.Pattern[str]) -> Iterator[tuple[str, object]]:
    """``(description, make)`` pairs where ``make(n)`` builds an n-character attack string."""
    a = alphabet(pattern)
    singles = (a.repeated + a.other)[:24] or ["1"]
    for c in singles:
        yield f"{c!r}*n", lambda n, c=c: c * n
    for c1, c2 in list(permutations(a.repeated[:6], 2))[:20]:
        yield f"({c1!r}+{c2!r})*n", lambda n, s=c1 + c2: (s * (n // 2 + 1))[:n]
    if a.prefix:
        for c in a.repeated[:6]:
            yield f"{a.prefix!r}+{c!r}*n", lambda n, p=a.prefix, c=c: (p + c * n)[:n]
            yield f"({a.prefix!r}+{c!r})*n", lambda n, s=a.prefix + c: (s * (n // len(s) + 1))[:n]


# -- timing -----------------------------------------------------------------------------------


def _scan_time(pattern: re.Pattern[str], text: str, repeat: int = 1) -> float:
    finditer = pattern.finditer
    started = time.perf_counter()
    for _ in range(repeat):
        for _match in finditer(text):
            pass
    return (time.perf_counter() - started) / repeat


def growth_problem(pattern: re.Pattern[str]) -> str | None:
    """None if the pattern scans every attack string in linear time, else what went wrong."""
    for what, make in families(pattern):
        for n in LADDER:
            spent = _scan_time(pattern, make(n))  # type: ignore[operator]
            if spent > SLOW:
                return f"{what}: {spent:.2f}s for n={n} (super-linear)"
        small, large = make(BASE), make(10 * BASE)  # type: ignore[operator]
        for tries in (1, 3, 5):  # re-measure before blaming the pattern for timer noise
            t_small = min(_scan_time(pattern, small, repeat=10) for _ in range(3))
            t_large = min(_scan_time(pattern, large) for _ in range(tries))
            ratio = t_large / max(t_small, 1e-7)
            if ratio <= MAX_RATIO or t_large > SLOW:
                break  # linear, or clearly slow rather than noisy
        if ratio > MAX_RATIO:
            return (
                f"{what}: {t_large * 1e3:.1f} ms for {10 * BASE} chars vs {t_small * 1e3:.2f} ms "
                f"for {BASE} (ratio {ratio:.0f} > {MAX_RATIO:.0f})"
            )
    return None


# -- the checker checks itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [r"\d+年", r"[一二三四五六七八九十百千万亿]+元", r"(\d+)+号", r"(?:[〔\[]\d+)+〕", r"(a|a)+b"],
)
def test_checker_rejects_super_linear_patterns(pattern):
    assert growth_problem(re.compile(pattern)) is not None


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<!\d)\d+年",
        r"\d{1,12}年",
        r"[一二三四五六七八九十百千万亿]{1,12}元",
        r"[\u4e00-\u9fa5]{1,8}[〔\[]\d{4}[〕\]]\d{1,4}号",
        r"(?<![\d.])\d{1,12}(?:\.\d{1,6})?%",
    ],
)
def test_checker_accepts_linear_patterns(pattern):
    assert growth_problem(re.compile(pattern)) is None


def test_alphabet_comes_from_the_pattern():
    a = alphabet(re.compile(r"第[一二三]{1,6}(?:\d+)届"))
    assert {"一", "二", "三", "1"} <= set(a.repeated)
    assert a.prefix == "第" and "届" in a.other


# -- the shipped patterns ------------------------------------------------------------------------

RULE_FILES = [p.name for p in all_rule_files()]


@pytest.mark.parametrize("filename", RULE_FILES or [pytest.param("none", marks=pytest.mark.skip)])
def test_rule_file_patterns_scan_in_linear_time(filename):
    """The loader-level gate: a rule file with one super-linear pattern is rejected."""
    problems = [
        f"{where}: {problem}"
        for where, pattern in rule_patterns(filename)
        if (problem := growth_problem(pattern))
    ]
    assert not problems, "\n".join(problems)


RECOGNIZER_PATTERNS = recognizer_patterns()


@pytest.mark.parametrize(
    ("where", "pattern"),
    RECOGNIZER_PATTERNS or [pytest.param("none", None, marks=pytest.mark.skip)],
    ids=[w for w, _ in RECOGNIZER_PATTERNS] or ["none"],
)
def test_recognizer_patterns_scan_in_linear_time(where, pattern):
    assert (problem := growth_problem(pattern)) is None, f"{where}: {problem}"


def test_patterns_of_a_new_recognizer_are_found_without_registration():
    """Scanning module globals and built recognizers finds a layer's patterns by itself."""
    import _fakes

    with _fakes.fake_registered():
        found = {pattern for _, pattern in recognizer_patterns()}
    expected = {pattern for _, pattern in _fakes._PATTERNS}
    assert expected <= found
    assert all(growth_problem(p) is None for p in expected)


# -- whole recognizers over structured documents (issue 16, section 1) --------------------------
# A regex can be linear while the layer around it is not: the year of ``3月18日`` was found by
# searching for a sentence end between each date and its anchor, quadratic in a document of
# thousands of dates (11.6 s for 100k characters).  Each family of benchmarks/families.py (one
# construction repeated, with ``，`` ``；`` ``、`` or nothing between) goes through the whole
# extractor at DOC_BASE and 10 × DOC_BASE characters; the ratio of the times must stay linear.

from benchmarks.families import FAMILIES  # noqa: E402
from benchmarks.timing import best_of as _cpu  # noqa: E402
from eduextract.document import Document  # noqa: E402

DOC_BASE = 2_000
_STRUCTURED = [name for name in FAMILIES if not name.startswith("prose")]


@pytest.fixture(scope="module")
def whole_extractor() -> Extractor:
    ex = Extractor()
    ex.extract("2021年9月,教育部拨付7.64亿元")
    return ex


@pytest.mark.parametrize("family", _STRUCTURED)
def test_recognizers_scale_linearly_on_structured_documents(family, whole_extractor):
    make = FAMILIES[family]
    small, large = make(DOC_BASE), make(10 * DOC_BASE)
    for tries in (1, 3, 5):  # re-measure before blaming a layer for timer noise
        t_small = _cpu(lambda: whole_extractor.extract(small), 5)
        t_large = _cpu(lambda: whole_extractor.extract(large), tries)
        ratio = t_large / max(t_small, 1e-6)
        if ratio <= MAX_RATIO:
            return
    per_layer = {
        r.name: round(
            _cpu(lambda r=r: list(r.find(Document(large))), 1)
            / max(_cpu(lambda r=r: list(r.find(Document(small))), 3), 1e-6), 1)
        for r in whole_extractor.recognizers
    }
    pytest.fail(f"{family}: {t_large:.3f}s for {len(large)} chars vs {t_small:.4f}s for "
                f"{len(small)} (ratio {ratio:.0f} > {MAX_RATIO:.0f}); per layer: {per_layer}")
