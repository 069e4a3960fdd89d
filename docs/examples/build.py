"""Write the example notebooks and execute them, storing their outputs (for GitHub to show).

    .venv/bin/python docs/examples/build.py                 # from the checkout's root
    .venv/bin/python docs/examples/build.py --render-png    # docs/render.png (Chromium)

Each notebook reads only files of this repository (``tests/data/gold_seeds.jsonl``: five real
documents, the development seeds) and runs offline.  ``tests/test_notebooks.py`` executes the
stored notebooks again from a clean kernel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """\
import json, sys
from pathlib import Path

ROOT = Path.cwd().resolve().parents[1]      # docs/examples -> the checkout
sys.path.insert(0, str(ROOT))               # a checkout works without installing
SEEDS = [json.loads(line) for line in
         (ROOT / "tests/data/gold_seeds.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
print(len(SEEDS), "documents,", sum(len(d["text"]) for d in SEEDS), "characters")"""

NOTEBOOKS = {
    "quickstart.ipynb": [
        ("md", "# Quick start\n\n`eduextract.extract(text)` returns typed spans with offsets "
               "into your text, a normalised value and the rule that produced each one."),
        ("code", """\
import eduextract

text = "辽宁省教育厅印发辽教发〔2020〕39号。2021年全省投入7.64亿元，新增学位7091个，占比达到53%。"
for s in eduextract.extract(text):
    print(s.start, s.end, s.label, s.text, s.value, s.source)"""),
        ("md", "Every span's `text` is `text[start:end]`; `to_dict()` is the JSON of the "
               "schema ([docs/schema.md](../schema.md))."),
        ("code", """\
spans = eduextract.extract(text)
assert all(text[s.start:s.end] == s.text for s in spans)
spans[3].to_dict()"""),
        ("md", "Only some labels, and offsets for JavaScript (UTF-16) or bytes (UTF-8):"),
        ("code", """\
money = eduextract.extract(text, labels=["MONEY", "PERCENT"])
[(s.text, s.offsets(text, "utf16"), s.offsets(text, "utf8")) for s in money]"""),
        ("md", "An `Extractor` loads the rules once; `pipe()` is lazy and ordered."),
        ("code", """\
ex = eduextract.Extractor(labels="DOCNO")
docs = ["依据教党〔2021〕10号文件", "根据教育部令第38号", "没有文号"]
[[s.text for s in spans] for spans in ex.pipe(docs)]"""),
        ("md", "In Jupyter, `render()` shows the spans in the text:"),
        ("code", "eduextract.render(text)"),
    ],
    "bulletin_dataframe.ipynb": [
        ("md", "# Reports to a DataFrame and a chart\n\nThe five development seed documents "
               "(real pages: a provincial education department's work report with its "
               "figures, notices, speeches) go through `export.to_dataframe`: counts by label, "
               "then money by institution."),
        ("code", SETUP),
        ("code", """\
import pandas as pd
from eduextract import Extractor, export

ex = Extractor()
records = [export.Record.of(d["text"], ex.extract(d["text"]), d["id"]) for d in SEEDS]
frame = export.to_dataframe(records)
frame.head()"""),
        ("md", "## Counts by label"),
        ("code", """\
counts = frame.pivot_table(index="file", columns="label", values="start", aggfunc="count",
                           fill_value=0)
counts"""),
        ("code", """\
%matplotlib inline
ax = frame["label"].value_counts().sort_values().plot.barh(figsize=(6, 3), color="#4c78a8")
ax.set_xlabel("spans in the five documents");"""),
        ("md", "## Money by institution\n\nEach amount is attributed to the last institution "
               "named before it in the same sentence; where the sentence names none, to the "
               "document's first institution (in these reports, their author: `■辽宁省教育厅` "
               "heads the work report).  A reading rule for a chart, not an extraction result."),
        ("code", """\
import re

def owner(record, span):
    stops = [m.end() for m in re.finditer(r"[。！？!?\\n]", record.text[:span.start])]
    sentence_start = stops[-1] if stops else 0
    before = [s for s in record.spans
              if s.label == "ORG" and sentence_start <= s.start and s.end <= span.start]
    if not before:  # the report's own author: the first institution of the document
        before = [s for s in record.spans if s.label == "ORG"][:1]
    if not before:
        return "(none named)"
    return before[-1].value.get("canonical") or before[-1].text

rows = [{"file": r.name, "institution": owner(r, s), "amount": s.text,
         "CNY": s.value["value"]}
        for r in records for s in r.spans if s.label == "MONEY"]
money = pd.DataFrame(rows)
money"""),
        ("code", """\
by_org = money.groupby("institution")["CNY"].agg(["count", "sum"]).sort_values(
    "sum", ascending=False)
by_org.assign(万元=by_org["sum"] / 1e4)"""),
        ("code", """\
import logging, warnings
import matplotlib.pyplot as plt

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

plt.rcParams["font.sans-serif"] = ["WenQuanYi Zen Hei", "Noto Sans CJK SC", "DejaVu Sans"]
with warnings.catch_warnings():  # without a CJK font the names show as boxes, nothing worse
    warnings.simplefilter("ignore")
    ax = (by_org["sum"] / 1e8).plot.barh(figsize=(6, 2.5), color="#f58518")
    ax.set_xlabel("100 M CNY (亿元)")
    ax.invert_yaxis()
    plt.show()"""),
    ],
    "docno_citations.ipynb": [
        ("md", "# Document numbers cited in a batch of notices\n\nDOCNO spans carry agency, "
               "year, serial, a normalised form and the issuer; one table shows which "
               "documents a batch of pages cites."),
        ("code", SETUP),
        ("code", """\
import pandas as pd
from eduextract import Extractor

ex = Extractor(labels="DOCNO")
rows = [{"page": d["id"][:3], **{k: s.value[k] for k in
         ("normalized", "agency", "year", "serial", "issuer", "issuer_source")}}
        for d, spans in zip(SEEDS, ex.pipe(d["text"] for d in SEEDS)) for s in spans]
cited = pd.DataFrame(rows)
cited"""),
        ("md", "Variants of one number (brackets, full-width digits) share `normalized`, so "
               "counting citations is a `groupby`:"),
        ("code", """\
cited.groupby("normalized").agg(citations=("page", "size"), agency=("agency", "first"),
                                issuers=("issuer", lambda x: " / ".join(sorted(set(x)))))"""),
        ("code", """\
from eduextract import extract

variants = "见辽教发[２０２０]３９号和（辽教发〔2020〕39号）"
[s.value["normalized"] for s in extract(variants, labels="DOCNO")]"""),
    ],
    "spacy_displacy.ipynb": [
        ("md", "# The spaCy component and displaCy\n\n`nlp.add_pipe(\"eduextract\")` puts "
               "eduextract's spans into `doc.ents` and `doc.spans[\"eduextract\"]`; displaCy "
               "shows them (the `char` segmenter needs no model)."),
        ("code", """\
import sys
from pathlib import Path
sys.path.insert(0, str(Path.cwd().resolve().parents[1]))

import spacy
import eduextract.spacy_component  # registers the factory in a checkout

nlp = spacy.blank("zh")
nlp.add_pipe("eduextract")
doc = nlp("省财政安排专项资金7.64亿元，毕业去向落实率达到89.2%。"
          "辽宁省教育厅印发辽教发〔2020〕39号。")
[(e.text, e.label_) for e in doc.ents]"""),
        ("code", """\
from spacy import displacy
displacy.render(doc, style="ent", jupyter=True)"""),
        ("md", "The span group holds every span, also overlapping ones:"),
        ("code", """\
displacy.render(doc, style="span", options={"spans_key": "eduextract"}, jupyter=True)"""),
    ],
}


def build(name: str) -> nbformat.NotebookNode:
    cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src)
             for kind, src in NOTEBOOKS[name]]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb: nbformat.NotebookNode, timeout: int = 600) -> nbformat.NotebookNode:
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(HERE)}}).execute()
    return nb


RENDER_TEXT = ("辽宁省教育厅印发辽教发〔2020〕39号。2021年全省投入7.64亿元，"
               "新增学位7091个，占比达到53%，第三批项目于2021年9月25日启动。")


def render_page(text: str = RENDER_TEXT) -> str:
    """``render(text)``'s HTML as a page a browser opens (what Jupyter shows in a cell)."""
    sys.path.insert(0, str(HERE.parents[1]))
    import eduextract

    return ('<!doctype html><html><head><meta charset="utf-8"></head>'
            f'<body style="margin:12px;width:560px">{eduextract.render(text).html}</body></html>')


def browser(chromium: str, page: str, *args: str) -> bytes:
    """Run headless Chromium on ``page`` (HTML) and return its stdout."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_text(page, encoding="utf-8")
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp}/profile", *args, html.as_uri()],
            check=True, capture_output=True, timeout=120)
    return done.stdout


def main(names: list[str]) -> int:
    if names == ["--render-png"]:  # docs/render.png: render()'s HTML in headless Chromium
        import shutil

        out = HERE.parent / "render.png"
        browser(shutil.which("chromium") or "chromium", render_page(),
                "--window-size=600,200", f"--screenshot={out}")
        print(out)
        return 0
    for name in names or list(NOTEBOOKS):
        nb = execute(build(name))
        nbformat.write(nb, HERE / name)
        print(HERE / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
