"""What the fact and citation layers cost on top of ``extract()`` on the seed documents.

    python -m benchmarks.facts_speed [--reps 7] [--json]

Text: the five development seeds (``tests/data/gold_seeds.jsonl``), one document at a time as
a user calls the API.  Each figure is the best of ``--reps`` runs in ``time.process_time``
(the machine is shared, so wall time is noise).  Measured:

- ``extract``: ``Extractor.extract(text)`` for every seed;
- ``extract + facts + citations``: one extraction, then both layers built on its spans
  (what ``eduextract --format facts`` and the spaCy extensions do);
- the overhead in percent (the issue's target: at most 20 %);
- that ``extract()`` alone never runs the layers: a fresh interpreter that calls only
  ``extract()`` has built none of their word lists ("nothing when not asked for").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.timing import best_of

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "gold_seeds.jsonl"


def untouched_by_extract() -> bool:
    code = (
        "import sys, eduextract; eduextract.extract('全市有普通高校45所《某办法》');"
        "f = sys.modules.get('eduextract.fact'); c = sys.modules.get('eduextract.citation');"
        "print(f._words.cache_info().currsize + c._words.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return out.stdout.strip() == "0"


def measure(reps: int = 7) -> dict[str, Any]:
    from eduextract import Extractor
    from eduextract.citation import citations_from_spans, title_ranges
    from eduextract.fact import facts_from_spans

    texts = [json.loads(line)["text"] for line in SEEDS.read_text(encoding="utf-8").splitlines()]
    ex = Extractor()
    for text in texts:  # warm: rules, lexicons and word lists loaded
        facts_from_spans(text, ex.extract(text))
        citations_from_spans(text, ex.extract(text))

    def plain() -> None:
        for text in texts:
            ex.extract(text)

    def layered() -> None:
        title_ranges.cache_clear()  # each run sees the texts as new (no help from the last run)
        for text in texts:
            spans = ex.extract(text)
            facts_from_spans(text, spans)
            citations_from_spans(text, spans)

    def layers_only(spans_of: list[Any]) -> Callable[[], None]:
        def run() -> None:
            title_ranges.cache_clear()
            for text, spans in zip(texts, spans_of, strict=True):
                facts_from_spans(text, spans)
                citations_from_spans(text, spans)

        return run

    base = best_of(plain, reps)
    both = best_of(layered, reps)
    only = best_of(layers_only([ex.extract(t) for t in texts]), reps)
    n_facts = sum(len(facts_from_spans(t, ex.extract(t))) for t in texts)
    n_cites = sum(len(citations_from_spans(t, ex.extract(t))) for t in texts)
    return {
        "documents": len(texts),
        "chars": sum(map(len, texts)),
        "facts": n_facts,
        "citations": n_cites,
        "extract_s": base,
        "extract_plus_layers_s": both,
        "layers_only_s": only,
        "overhead_pct": 100 * only / base,
        "extract_alone_builds_nothing": untouched_by_extract(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.facts_speed")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = measure(args.reps)
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(
            f"{res['documents']} seeds, {res['chars']:,} chars, {res['facts']} facts, "
            f"{res['citations']} citations\n"
            f"extract()                    {res['extract_s'] * 1000:8.1f} ms\n"
            f"extract() + facts + cites    {res['extract_plus_layers_s'] * 1000:8.1f} ms\n"
            f"facts + citations on spans   {res['layers_only_s'] * 1000:8.1f} ms "
            f"({res['overhead_pct']:.1f} % of extract(); target <= 20 %)\n"
            f"extract() alone builds no fact/citation data: "
            f"{res['extract_alone_builds_nothing']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
