"""The citation graph of a small real collection: who cites what, most-cited table and picture.

    python scripts/citation_graph.py [--gold tests/data/citations/gold.jsonl]
        [--png docs/citation_graph.png] [--top 12]

Every document of the collection (the citations gold: judicial interpretations, local
regulations and a provincial notice, all real) is run through ``eduextract.citations``; a
cited document is keyed by its normalised document number when it has one, else by its title,
so ``《教育法》`` and ``《中华人民共和国教育法》`` stay apart (no alias resolution).  Prints a
Markdown table of the most-cited documents and draws the bipartite graph (citing documents
left, the most-cited documents right) with matplotlib (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import eduextract  # noqa: E402


def edges(docs: list[dict]) -> list[tuple[str, str, str | None]]:
    """(citing document id, cited key, cited title) for every citation record."""
    out = []
    for d in docs:
        for c in eduextract.citations(d["text"]):
            if c.docno is not None and isinstance(c.docno.value, dict):
                key = c.docno.value.get("normalized") or c.docno.text
            else:
                key = c.title.text if c.title else ""
            out.append((d["id"], key, c.title.text if c.title else None))
    return out


def most_cited(
    es: list[tuple[str, str, str | None]], top: int
) -> tuple[list[str], dict[str, set[str]], Counter[str]]:
    """The ``top`` keys cited by most documents (then most mentions, then key), with the
    citing documents and the mention count of every key."""
    cited_by: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for src, key, _ in es:
        cited_by[key].add(src)
        mentions[key] += 1
    ranked = sorted(cited_by, key=lambda k: (-len(cited_by[k]), -mentions[k], k))[:top]
    return ranked, cited_by, mentions


def table(es: list[tuple[str, str, str | None]], top: int) -> str:
    rows, cited_by, mentions = most_cited(es, top)
    titles: dict[str, str] = {}
    for _, key, title in es:
        if title and key not in titles:
            titles[key] = title
    lines = ["| cited document | number | citing documents | mentions |", "|---|---|---|---|"]
    for k in rows:
        title = titles.get(k, "")
        number = k if k != title else ""
        lines.append(f"| {title or '—'} | {number or '—'} | {len(cited_by[k])} | {mentions[k]} |")
    return "\n".join(lines)


def picture(es: list[tuple[str, str, str | None]], path: Path, top: int) -> None:
    import logging

    import matplotlib

    matplotlib.use("Agg")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK", "Noto Serif CJK", "WenQuanYi", "SimHei", "Droid Sans Fallback")
    cjk = [f.name for f in font_manager.fontManager.ttflist if any(x in f.name for x in wanted)]
    if cjk:
        plt.rcParams["font.family"] = cjk[0]
    right, cited_by, _ = most_cited(es, top)
    titles: dict[str, str] = {}
    for _, key, title in es:
        titles.setdefault(key, title or key)
    left = sorted({src for src, key, _ in es if key in right})
    fig, ax = plt.subplots(figsize=(11, max(4, 0.42 * max(len(left), len(right)))))
    ly = {s: i * (len(right) - 1) / max(1, len(left) - 1) for i, s in enumerate(left)}
    ry = {k: i for i, k in enumerate(right)}
    for src, key, _ in es:
        if key in ry:
            ax.plot([0, 1], [ly[src], ry[key]], color="#7a9cc6", lw=0.8, alpha=0.6)
    for s, y in ly.items():
        ax.text(-0.02, y, s, ha="right", va="center", fontsize=8)
    for k, y in ry.items():
        label = titles[k] if len(titles[k]) <= 22 else titles[k][:21] + "…"
        ax.text(1.02, y, f"{label} ({len(cited_by[k])})", ha="left", va="center", fontsize=8)
    ax.scatter([0] * len(ly), list(ly.values()), s=14, color="#334")
    ax.scatter([1] * len(ry), list(ry.values()), s=[20 + 15 * len(cited_by[k]) for k in ry],
               color="#c65")  # fmt: skip
    ax.set_xlim(-0.35, 1.6)
    ax.invert_yaxis()
    ax.axis("off")
    ax.set_title(
        f"Citations in {len({e[0] for e in es})} real documents: citing (left) → "
        f"{len(right)} most-cited (right, number of citing documents)",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/data/citations/gold.jsonl")
    ap.add_argument("--png", type=Path, default=ROOT / "docs/citation_graph.png")
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    docs = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines() if x]
    es = edges(docs)
    cited = len({k for _, k, _ in es})
    print(f"{len(docs)} documents, {len(es)} citations, {cited} cited documents")
    print(table(es, args.top))
    picture(es, args.png, args.top)
    print(f"picture: {args.png.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
