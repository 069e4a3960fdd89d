"""Convert the ORG annotations of two public Chinese NER sets into eduextract's gold format.

    python scripts/convert_ner.py MSRA_TEST_BIO CLUENER_DEV_JSON

- MSRA (SIGHAN 2006 bakeoff, test split, 3,442 sentences) from the public mirror
  github:OYE93/Chinese-NLP-Corpus:NER/MSRA/msra_test_bio.txt@e9bb5b5f262466af5d45bcf7ee3380f2cb994907
  (character TAB BIO tag; ``ORG`` spans are kept, LOC and PER dropped).
- CLUENER2020 dev split (1,343 sentences) from
  github:hemingkx/CLUENER2020:BERT-CRF/data/clue/test.json@4bfd0b5fdd1537558f0c32dd28339af1f337afc9
  (that repository names the labelled dev split ``test.json``); ``organization``,
  ``government`` and ``company`` become ORG (end offsets there are inclusive).

Every line says ``labels_in_scope: ["ORG"]``, so only ORG predictions are scored.  The
conventions of both sets differ from ANNOTATION.md (benchmarks/data/ner/README.md lists how);
they are scored as they are, to compare tools on text nobody here chose.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "ner"
CLUENER_ORG = {"organization": "other", "government": "government", "company": "company"}


def msra(path: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not chars:
            return
        text = "".join(chars)
        spans = []
        i = 0
        while i < len(tags):
            if tags[i] == "B-ORG":
                j = i + 1
                while j < len(tags) and tags[j] == "I-ORG":
                    j += 1
                spans.append({"start": i, "end": j, "label": "ORG", "text": text[i:j],
                              "value": {"kind": "other"}})
                i = j
            else:
                i += 1
        docs.append({"id": f"msra-test-{len(docs):04d}", "text": text, "spans": spans,
                     "labels_in_scope": ["ORG"]})
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        ch, _, tag = line.partition("\t")
        chars.append(ch)
        tags.append(tag.strip())
    flush()
    return docs


def cluener(path: Path) -> list[dict[str, Any]]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        text = row["text"]
        spans = []
        for label, kind in CLUENER_ORG.items():
            for name, places in row.get("label", {}).get(label, {}).items():
                for start, end in places:
                    assert text[start : end + 1] == name, (n, name)
                    spans.append({"start": start, "end": end + 1, "label": "ORG",
                                  "text": name, "value": {"kind": kind}})
        spans.sort(key=lambda s: s["start"])
        docs.append({"id": f"cluener-dev-{n:04d}", "text": text, "spans": spans,
                     "labels_in_scope": ["ORG"]})
    return docs


def write(name: str, docs: list[dict[str, Any]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    n = sum(len(d["spans"]) for d in docs)
    print(f"{name}: {len(docs)} lines, {n} ORG spans", file=sys.stderr)


if __name__ == "__main__":
    write("msra_test_org.jsonl", msra(Path(sys.argv[1])))
    write("cluener_dev_org.jsonl", cluener(Path(sys.argv[2])))
