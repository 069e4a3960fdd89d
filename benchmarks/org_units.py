"""Left-boundary alternatives for names whose stem no list knows (issue 13, org-r).

Cases: gold ORG spans of the real batches ending in a unit or school head with no place or
level in them (a place opens a name by the ordinary grammar; these are the names it cannot
open: ``文学院``, ``马克思主义学院``, ``燕京大学``).

    python -m benchmarks.org_units [--jieba]

For every gold ORG span of the real development batches that ends in a unit or school head
(``文学院``, ``测试计算中心``, ``燕京大学``), each method is given the head and the text and
must say where the name starts.  Scored: exact start (``exact``), a start given at all
(``answered``), a wrong start (``wrong``: a phantom or a cut name), and CPU time per call.

* ``walk``  - the grammar's word walk alone: stop at the first character the word list cannot
  read (the behaviour before issue 13);
* ``edges`` - :meth:`Units._unit_start`: the word walk, then a short stem between clear edges
  (punctuation, function words, listed verbs), nothing where no edge is in reach;
* ``jieba`` - jieba ``posseg`` on 12 characters left of the head, words taken from the right
  while they are nominal (n*, j, vn, l, eng), stopping at a verb, preposition, particle, pronoun,
  numeral or punctuation (needs jieba; the release-time dependency, not a run-time one).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCHES = sorted((ROOT / "tests" / "data" / "real").glob("batch0*.jsonl"))
HEADS = ("学院", "学部", "研究院", "研究所", "中心", "办公室", "委员会", "党委", "纪委", "大学",
         "学校", "中学", "小学", "幼儿园", "党总支", "校友会")
NOMINAL = ("n", "j", "vn", "l", "eng", "nz", "ns", "nt", "nr")


def cases(placeless: set[str] | None = None) -> list[tuple[str, int, int, str]]:
    """Gold spans ending in a head; with ``placeless`` (the division names), only those with
    no place and no level opening them: the open-vocabulary class the methods are for."""
    out = []
    for path in BATCHES:
        for line in path.read_text("utf-8").splitlines():
            doc = json.loads(line)
            text = doc["text"]
            for sp in doc["spans"]:
                if sp["label"] != "ORG":
                    continue
                head = next((h for h in HEADS if sp["text"].endswith(h)), None)
                if head is None or len(sp["text"]) <= len(head):
                    continue
                name = sp["text"]
                if placeless is not None and (name[0] in "省市县区州" or name.startswith("中共")
                                              or any(name[i:i + k] in placeless
                                                     for i in range(len(name))
                                                     for k in (2, 3, 4))):
                    continue
                out.append((text, sp["start"], sp["end"], head))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jieba", action="store_true", help="also score the jieba window")
    args = ap.parse_args()
    from eduextract.config import Config
    from eduextract.recognizers.org import build

    rec = build(Config())

    def walk(text: str, s: int, head: str) -> int | None:
        p = s
        while p > 0 and s - p < 8:
            tok = rec._token_at(text, p)
            if tok is None:
                break
            p -= len(tok[1])
        return p if p < s else None

    from eduextract.recognizers.org.patterns import TERM_BEFORE

    def edges(text: str, s: int, head: str) -> int | None:
        start = rec._unit_start(text, s, head)
        if start is not None:  # the caller keeps a term before the unit inside (第四届|…)
            term = TERM_BEFORE.search(text, max(0, start - 6), start)
            start = term.start() if term is not None else start
        return start

    methods = {"walk": walk, "edges": edges}
    if args.jieba:
        import jieba.posseg as pseg

        pseg.lcut("预热")

        def jieba_window(text: str, s: int, head: str) -> int | None:
            lo = max(0, s - 12)
            taken = 0
            for word, flag in reversed(pseg.lcut(text[lo:s])):
                if not flag.startswith(NOMINAL):
                    break
                taken += len(word)
            return s - taken if taken else None

        methods["jieba"] = jieba_window
    data = cases(set(rec.divisions))
    report: dict[str, dict[str, float]] = {"cases": {"n": len(data)}}
    for name, fn in methods.items():
        exact = answered = 0
        t = time.process_time()
        for text, start, end, head in data:
            got = fn(text, end - len(head), head)
            if got is not None:
                answered += 1
                exact += got == start
        dt = time.process_time() - t
        report[name] = {
            "exact": round(exact / len(data), 3),
            "answered": round(answered / len(data), 3),
            "wrong": round((answered - exact) / len(data), 3),
            "us_per_call": round(dt / len(data) * 1e6, 1),
        }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
