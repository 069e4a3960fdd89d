"""Seconds per 100,000 characters for structured input families, and whether they scale linearly.

    python -m benchmarks.families [--size 100000] [--only dates,docno]

Ordinary prose runs at a steady rate, but a document made of one construction repeated
thousands of times (a meeting schedule, a list of document numbers, a table flattened to one
line) is where a per-span pass over the whole text turns quadratic.  Each family below is
generated at ``size / 10`` and ``size`` characters; the report gives the time of the large one
per 100,000 characters and the ratio of the two times (linear: about 10).  CPU time
(``time.process_time``), best of ``--reps`` runs, after a warm-up extract.

``tests/test_redos.py`` runs the same generators at small sizes and checks the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import best_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_seeds.jsonl"


def _repeat(unit: Callable[[int], str], head: str = "") -> Callable[[int], str]:
    """``head`` then ``unit(i)`` for i = 0, 1, … until ``n`` characters (cut there)."""

    def make(n: int) -> str:
        parts, length, i = [head], len(head), 0
        while length < n:
            piece = unit(i)
            parts.append(piece)
            length += len(piece)
            i += 1
        return "".join(parts)[:n]

    return make


def _prose(n: int) -> str:
    texts = [json.loads(line)["text"] for line in GOLD.read_text("utf-8").splitlines() if line]
    joined = "\n".join(texts)
    return (joined * (n // len(joined) + 1))[:n]


#: name -> generator of a text of (about) n characters
FAMILIES: dict[str, Callable[[int], str]] = {
    "prose (gold documents)": _prose,
    "dates ，3月18日": _repeat(lambda i: "，3月18日", "2021年1月1日"),
    "dates ；": _repeat(lambda i: f"；{i % 12 + 1}月{i % 28 + 1}日", "2021年1月1日"),
    "dates 、": _repeat(lambda i: f"、{i % 12 + 1}月{i % 28 + 1}日", "2021年1月1日"),
    "dates no separator": _repeat(lambda i: f"{i % 12 + 1}月{i % 28 + 1}日", "2021年1月1日"),
    "full dates on one line": _repeat(lambda i: f" 2021年{i % 12 + 1}月{i % 28 + 1}日"),
    "meeting schedule": _repeat(
        lambda i: f"；{i % 12 + 1}月{i % 28 + 1}日召开第{i}次会议", "2024年1月1日起："
    ),
    "docno ，": _repeat(lambda i: f"辽教党〔2021〕{i % 300 + 1}号，"),
    "docno no separator": _repeat(lambda i: f"教发〔2021〕{i % 300 + 1}号"),
    "ORG heads 教育厅": _repeat(lambda i: "教育厅"),
    "ORG heads 委员会": _repeat(lambda i: "委员会"),
    "ORG heads 研究院": _repeat(lambda i: "研究院"),
    "ORG 省教育厅，": _repeat(lambda i: "辽宁省教育厅，"),
    "numbers ，": _repeat(lambda i: f"{i % 997}，"),
    "numbers ；": _repeat(lambda i: f"{i % 997}个；"),
    "numbers 、": _repeat(lambda i: f"三十{i % 10}、"),
    "numbers no separator": _repeat(lambda i: f"{i % 9 + 1}万"),
    "percent ，": _repeat(lambda i: f"{i % 100}.5%，"),
    "money 、": _repeat(lambda i: f"{i % 100}.64亿元、"),
    "ordinals ，": _repeat(lambda i: f"第{i % 50 + 1}条，"),
    "1-": _repeat(lambda i: "1-"),
    "1.": _repeat(lambda i: "1."),
    "digits": _repeat(lambda i: "1"),
}


def measure(size: int, reps: int, only: list[str] | None) -> list[dict[str, object]]:
    from eduextract import extract

    extract("2021年9月,教育部拨付7.64亿元")  # load
    rows = []
    for name, make in FAMILIES.items():
        if only and not any(o in name for o in only):
            continue
        small, large = make(size // 10), make(size)
        extract(small)  # warm-up: lexicons some layers load on their first candidate
        t_small = best_of(lambda: extract(small), reps)  # noqa: B023
        t_large = best_of(lambda: extract(large), reps)  # noqa: B023
        rows.append({
            "family": name,
            "s_per_100k": round(t_large * 100_000 / len(large), 3),
            "ratio_10x": round(t_large / max(t_small, 1e-6), 1),
        })
    return rows


def _machine_line(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    import platform

    return (f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} → {load_after[0]:.1f} "
            "(the machine is shared: CPU time is measured, absolute figures are indicative)")


def table(rows: list[dict[str, object]], before: dict[str, dict[str, object]] | None) -> str:
    head = "| family | s per 100k chars | time ratio for 10× input |"
    rule = "|---|---:|---:|"
    if before:
        head += " before: s per 100k | before: ratio |"
        rule += "---:|---:|"
    lines = [head, rule]
    for r in sorted(rows, key=lambda r: -float(r["s_per_100k"])):  # type: ignore[arg-type]
        line = f"| {r['family']} | {r['s_per_100k']} | {r['ratio_10x']} |"
        if before:
            b = before.get(str(r["family"]), {})
            line += f" {b.get('s_per_100k', '—')} | {b.get('ratio_10x', '—')} |"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated substrings of family names")
    ap.add_argument("--json", type=Path, help="also write the rows to this file")
    ap.add_argument("--before", type=Path, help="rows of an earlier run (--json) to show beside")
    args = ap.parse_args(argv)
    only = [o for o in args.only.split(",") if o] or None
    load_before = os.getloadavg()
    rows = measure(args.size, args.reps, only)
    load_after = os.getloadavg()
    before = None
    if args.before:
        before = {r["family"]: r for r in json.loads(args.before.read_text("utf-8"))}
    print(f"{args.size:,} characters per family; {_machine_line(load_before, load_after)}\n")
    print(table(rows, before))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
