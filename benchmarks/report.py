"""Markdown tables and the PNG chart from the results dict that ``benchmarks.cli`` builds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .scoring import ALL_LABELS, CORE_LABELS

DASH = "—"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def f3(x: float | None) -> str:
    return DASH if x is None else f"{x:.3f}"


def _counts_row(name: str, c: dict[str, Any]) -> list[Any]:
    """One table row of a scorer ``Counts`` dict: sizes, strict and lenient P/R/F1, values."""
    keys = ("precision", "recall", "f1", "lenient_precision", "lenient_recall", "lenient_f1")
    return [name, c["n_gold"], c["n_pred"], *(f3(c[k]) for k in keys), f3(c["value_accuracy"])]


def si(x: float | None) -> str:
    """1234567 → 1.23M: throughput columns stay readable."""
    if x is None:
        return DASH
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= div:
            return f"{x / div:.2f}{suffix}"
    return f"{x:.0f}"


def secs(x: float | None) -> str:
    return DASH if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def _ok(flag: bool | None) -> str:
    return DASH if flag is None else ("yes" if flag else "**no**")


def suite_sections(res: dict[str, Any], suite: str, avail: Sequence[str]) -> list[str]:
    """Per-label strict F1 of every tool on one fully annotated suite, then each tool's
    strict/lenient detail and eduextract's per-rule precision."""
    tools = res["tools"]
    acc = res["accuracy"]
    out: list[str] = []
    out.append(f"\n### Strict F1 per label on `{res['suites'][suite]['path']}`\n")
    out.append(
        "Micro = micro average over the six core labels (DATE is scored apart). "
        f"{DASH} = the tool cannot produce that label.\n"
    )
    rows = []
    for t in avail:
        rep = acc[t][suite]["all"]
        cells = [t]
        for label in (*CORE_LABELS, "DATE"):
            c = rep["per_label"].get(label)  # absent: no gold and no prediction
            covered = label in tools[t]["labels"] and c is not None
            cells.append(f3(c["f1"]) if covered else DASH)
        cells.insert(7, f3(rep["micro_core"]["f1"]))
        rows.append(cells)
    out.append(table(["tool", *CORE_LABELS, "micro", "DATE"], rows))
    for t in avail:
        rep = acc[t][suite]["all"]
        out.append(f"\n#### {t} on `{suite}`: strict and lenient P/R/F1, value accuracy\n")
        rows = []
        for label in ALL_LABELS:
            if label not in tools[t]["labels"] or label not in rep["per_label"]:
                continue
            rows.append(_counts_row(label, rep["per_label"][label]))
        rows.append(_counts_row("**micro (6 core)**", rep["micro_core"]))
        out.append(
            table(
                [
                    "label",
                    "gold",
                    "pred",
                    "P",
                    "R",
                    "F1",
                    "len. P",
                    "len. R",
                    "len. F1",
                    "value acc.",
                ],
                rows,
            )
        )
        if t == "eduextract":
            out.append(f"\n#### eduextract per rule (`source`) on `{suite}`\n")
            src = sorted(rep["per_source"].items(), key=lambda kv: (kv[1]["label"], -kv[1]["n"]))
            out.append(
                table(
                    ["rule", "label", "spans", "strict P", "lenient P"],
                    [
                        [k, v["label"], v["n"], f3(v["precision"]), f3(v["lenient_precision"])]
                        for k, v in src
                    ],
                )
                if src
                else "(no spans)"
            )
    return out


def accuracy_sections(res: dict[str, Any]) -> list[str]:
    tools = res["tools"]
    acc = res["accuracy"]
    out: list[str] = []
    out.append("### Tools and the labels they cover\n")
    out.append(
        table(
            ["tool", "version", "labels it can produce", "status"],
            [
                [
                    t,
                    info.get("version") or DASH,
                    ", ".join(info["labels"]) or DASH,
                    "ok" if info["available"] else f"skipped ({info['error']})",
                ]
                for t, info in tools.items()
            ],
        )
    )
    avail = [t for t, info in tools.items() if info["available"] and t in acc]
    for suite in [s for s in res["suites"] if res["suites"][s]["kind"] == "gold"]:
        out += suite_sections(res, suite, avail)
    peer = [s for s in res["suites"] if res["suites"][s]["kind"] == "peer"]
    if peer:
        out.append("\n### Peer suites: strict micro F1 over each line's `labels_in_scope`\n")
        out.append(
            "Subsets: all lines; compatible = `convention_diff` false; clean = neither "
            "`convention_diff` nor `guideline_silent`. Predictions of labels outside a line's "
            f"scope are ignored. {DASH} = the tool covers none of the suite's labels.\n"
        )
        rows = []
        for suite in [*peer, "peer_total"]:
            if suite not in res["suites"]:
                continue
            meta = res["suites"][suite]
            for subset in ("all", "compatible", "clean"):
                cells: list[Any] = [suite, subset, meta["lines"][subset]]
                for t in avail:
                    rep = acc[t].get(suite, {}).get(subset)
                    scope = set(meta["labels"])
                    if rep is None or not scope & set(tools[t]["labels"]):
                        cells.append(DASH)
                    else:
                        cells.append(f3(rep["micro_scored"]["f1"]))
                rows.append(cells)
        out.append(table(["suite", "subset", "lines", *avail], rows))
        ws_rows = []
        for suite in peer:
            meta = res["suites"][suite]
            if not meta["whole_string"]:
                continue
            for subset in ("all", "compatible", "clean"):
                cells = [suite, subset]
                for t in avail:
                    rep = acc[t][suite][subset]
                    ws = rep["whole_string"]
                    covered = set(meta["labels"]) & set(tools[t]["labels"])
                    cells.append(f"{ws['exact']}/{ws['n']}" if covered else DASH)
                ws_rows.append(cells)
        if ws_rows:
            out.append("\n### Peer suites, whole-string lines: exactly the one gold span\n")
            out.append(
                "A line counts when the in-scope predictions are exactly the gold span "
                "(offsets and label; values are in the JSON).\n"
            )
            out.append(table(["suite", "subset", *avail], ws_rows))
    out += block("real-corpus", real_sections(res, avail))
    out += block("org-comparison", org_sections(res, avail))
    return out


BLOCK_RE = re.compile(r"<!-- BEGIN ([\w-]+) -->.*?<!-- END \1 -->", re.S)


def blocks(text: str) -> dict[str, str]:
    """The marked blocks of a page, by name, markers included."""
    return {m.group(1): m.group(0) for m in BLOCK_RE.finditer(text)}


def replace_block(page: str, name: str, marked: str) -> str:
    """``page`` with block ``name`` replaced by ``marked`` (markers included), or appended."""
    pattern = re.compile(
        re.escape(f"<!-- BEGIN {name} -->") + r".*?" + re.escape(f"<!-- END {name} -->"), re.S
    )
    if pattern.search(page):
        return pattern.sub(lambda _: marked, page, count=1)
    return page.rstrip("\n") + "\n\n" + marked + "\n"


def block(name: str, sections: list[str]) -> list[str]:
    """``sections`` between ``<!-- BEGIN name -->`` / ``<!-- END name -->`` markers, so
    ``--update-blocks`` can rewrite them in docs/benchmarks.md without a full run."""
    if not sections:
        return []
    return [f"\n<!-- BEGIN {name} -->", *sections, f"<!-- END {name} -->"]


def real_sections(res: dict[str, Any], avail: Sequence[str]) -> list[str]:
    """The real corpus broken down by document kind and by batch: micro F1 per tool."""
    out: list[str] = []
    meta = res["suites"].get("real")
    if meta is None:
        return out
    acc = res["accuracy"]
    out += suite_sections(res, "real", avail)
    for field, title in (("kind", "document kind"), ("batch", "batch")):
        tools = [t for t in avail if f"by_{field}" in acc[t].get("real", {})]
        if not tools:
            continue
        ref = acc[tools[0]]["real"][f"by_{field}"]
        out.append(f"\n### Real corpus by {title}: strict micro F1 (six core labels)\n")
        out.append(
            f"`{meta['path']}` ({', '.join(meta['batches'])}). Micro over the six core "
            "labels, counting labels a tool cannot produce as misses; the ORG column is "
            "strict ORG F1.\n"
        )
        rows = []
        for key, rep in ref.items():
            cells: list[Any] = [key, rep["n_docs"], rep["micro_core"]["n_gold"]]
            for t in tools:
                r = acc[t]["real"][f"by_{field}"][key]
                cells.append(f3(r["micro_core"]["f1"]))
            for t in tools:
                if "ORG" not in res["tools"][t]["labels"]:
                    continue
                c = acc[t]["real"][f"by_{field}"][key]["per_label"].get("ORG")
                cells.append(f3(c["f1"]) if c else DASH)
            rows.append(cells)
        org_tools = [f"{t} ORG" for t in tools if "ORG" in res["tools"][t]["labels"]]
        out.append(table([field, "docs", "gold spans", *tools, *org_tools], rows))
    return out


def org_sections(res: dict[str, Any], avail: Sequence[str]) -> list[str]:
    """ORG alone, strict and lenient, for every tool that produces ORG, on every suite
    with ORG gold: the general-text sets (MSRA, CLUENER), the real corpus, the seeds."""
    acc = res["accuracy"]
    tools = [t for t in avail if "ORG" in res["tools"][t]["labels"]]
    suites = [
        s
        for s, m in res["suites"].items()
        if m["kind"] in ("ner", "real", "gold") and "ORG" in m["labels"]
    ]
    order = {"ner": 0, "real": 1, "gold": 2}
    suites.sort(key=lambda s: order[res["suites"][s]["kind"]])
    rows = []
    for suite in suites:
        for t in tools:
            rep = acc[t].get(suite, {}).get("all")
            if rep is None or "ORG" not in rep["per_label"]:
                continue
            c = rep["per_label"]["ORG"]
            keys = ("precision", "recall", "f1", "lenient_precision", "lenient_recall")
            rows.append(
                [
                    f"`{suite}`",
                    t,
                    c["n_gold"],
                    c["n_pred"],
                    *(f3(c[k]) for k in keys),
                    f3(c["lenient_f1"]),
                ]
            )
    if not rows:
        return []
    return [
        "\n### ORG on general text, the real corpus and the seeds: strict and lenient\n",
        "MSRA test and CLUENER dev (`benchmarks/data/ner/`, see its README for how their "
        "conventions differ from ours) are scored for ORG only; on the real corpus and the "
        "seeds only ORG spans count here. Lenient = same label, overlapping offsets. `lac` is "
        "Baidu LAC 2.1.2 (BiGRU-CRF, words tagged `ORG`, fed sentence by sentence): it runs "
        "in-process when importable, else in a worker of the interpreter named by "
        "`EDUEXTRACT_LAC_PYTHON` (paddle needs `numpy<2`, kept out of the project's "
        "environment); its predictions are cached per file under `benchmarks/.cache/lac/`. "
        "Without either it is skipped, with the reason in the tools table.\n",
        table(
            ["suite", "tool", "gold", "pred", "P", "R", "F1", "len. P", "len. R", "len. F1"],
            rows,
        ),
    ]


def speed_sections(res: dict[str, Any]) -> list[str]:
    sp = res.get("speed") or {}
    out: list[str] = []
    if sp.get("throughput"):
        tp = sp["throughput"]
        any_row = next(iter(tp.values()))
        out.append(
            f"\n### Throughput, one core, warm ({any_row['chars']:,} characters = the first gold "
            f"file's texts concatenated, median of {any_row['runs']} runs after a warm-up)\n"
        )
        ref = tp.get("cn2an", {}).get("chars_per_s")
        rows = []
        for t, r in tp.items():
            ratio = f"{r['chars_per_s'] / ref:.2f}×" if ref else DASH
            rows.append(
                [
                    t,
                    ", ".join(res["tools"][t]["labels"]),
                    si(r["chars_per_s"]),
                    f"{r['mb_per_s']:.2f}",
                    secs(r["median_s"]),
                    ratio,
                ]
            )
        out.append(
            table(
                ["tool", "labels", "chars/s", "MB/s (UTF-8)", "median s", "vs cn2an.transform"],
                rows,
            )
        )
    if sp.get("stages"):
        st = sp["stages"]
        out.append(
            f"\n### eduextract time per stage ({st['chars']:,} chars, median of "
            f"{st['runs']} runs)\n"
        )
        out.append(
            table(
                ["stage", "median s", "share", "chars/s", "candidates"],
                [
                    [
                        r["stage"],
                        f"{r['median_s']:.4f}",
                        f"{r['share']:.0%}",
                        si(r["chars_per_s"]),
                        DASH if r["candidates"] is None else r["candidates"],
                    ]
                    for r in st["rows"]
                ],
            )
        )
    if sp.get("startup"):
        out.append("\n### Start-up: fresh interpreter, import + first call on a short sentence\n")
        rows = []
        for t, r in sp["startup"].items():
            if "error" in r:
                rows.append([t, r["error"], DASH, DASH, DASH])
                continue
            rows.append(
                [
                    t,
                    secs(r["import_plus_first_s"]),
                    secs(r["import_s"]),
                    secs(r["first_call_s"]),
                    secs(r["process_wall_s"]),
                ]
            )
        out.append(
            table(
                [
                    "tool",
                    "import + first call (s)",
                    "import (s)",
                    "first call (s)",
                    "whole process (s)",
                ],
                rows,
            )
        )
    if sp.get("scaling"):
        sc = sp["scaling"]
        out.append("\n### Scaling: those texts repeated k times as one document (eduextract)\n")
        out.append(
            "growth ratio = time / (k × time at 1×); 1.0 is perfectly linear. The last column "
            "names the stage that lost the most time to growth, with its own ratio.\n"
        )
        rows = []
        for r in sc["rows"]:
            growth = {n: g for n, g in (r.get("stage_growth") or {}).items() if g}
            # the stage that lost the most seconds to super-linear growth
            worst = max(growth, key=lambda n: r["stages_s"][n] * (1 - 1 / growth[n]), default=None)
            rows.append(
                [
                    r["factor"],
                    f"{r['chars']:,}",
                    secs(r["seconds"]),
                    si(r["chars_per_s"]),
                    f"{r['growth_ratio']:.2f}",
                    f"{worst} {growth[worst]:.2f}" if worst and r["factor"] > 1 else DASH,
                ]
            )
        out.append(
            table(["k", "chars", "seconds", "chars/s", "growth ratio", "steepest stage"], rows)
        )
    if sp.get("parallel"):
        pa = sp["parallel"]
        out.append(
            f"\n### `Extractor.pipe` on {pa['docs']:,} paragraphs ({pa['chars']:,} chars),"
            f" {pa['cpus']} CPUs\n"
        )
        out.append(
            table(
                ["n_process", "seconds", "chars/s", "speed-up"],
                [
                    [
                        r["n_process"],
                        secs(r["seconds"]),
                        si(r["chars_per_s"]),
                        f"{pa['rows'][0]['seconds'] / r['seconds']:.2f}×",
                    ]
                    for r in pa["rows"]
                ],
            )
        )
    mem_rows = []
    if sp.get("stream_bytes"):
        mem_rows.append(sp["stream_bytes"])
    mem_rows += sp.get("stream_docs") or []
    if mem_rows:
        out.append("\n### Memory: `Extractor.pipe` over a generator, fresh process each\n")
        out.append(
            "The text stream and the document streams run side by side (two processes), so "
            "their chars/s share the machine; the throughput table is the speed figure.\n"
        )
        rows = []
        for r in mem_rows:
            what = (
                f"{r['mb_requested']:g} MB of text"
                if "mb_requested" in r
                else f"{r['docs_requested']:,} documents"
            )
            if "error" in r:
                rows.append([what, r["error"], DASH, DASH, DASH, DASH, DASH])
                continue
            rows.append(
                [
                    what,
                    f"{r['docs']:,}",
                    f"{r['bytes'] / 1e6:.1f}",
                    secs(r["seconds"]),
                    si(r["chars_per_s"]),
                    f"{r['rss_before_mb']:.0f}",
                    f"{r['peak_rss_mb']:.0f}",
                ]
            )
        out.append(
            table(
                ["input", "docs", "MB", "seconds", "chars/s", "RSS before (MB)", "peak RSS (MB)"],
                rows,
            )
        )
    if sp.get("adversarial"):
        out.append("\n### Hostile inputs (issue 8): one `extract()` call, fresh process each\n")
        out.append("time ratio for 10× the input; ≤ 15 counts as linear.\n")
        rows = []
        for r in sp["adversarial"]:
            a, b = r["small"], r["large"]
            if "error" in a or "error" in b:
                rows.append(
                    [
                        r["kind"],
                        a.get("error", ""),
                        b.get("error", ""),
                        DASH,
                        DASH,
                        DASH,
                        DASH,
                        "**no**",
                    ]
                )
                continue
            rows.append(
                [
                    r["kind"],
                    f"{a['chars']:,}",
                    secs(a["seconds"]),
                    f"{b['chars']:,}",
                    secs(b["seconds"]),
                    f"{r['time_ratio']:.1f}",
                    f"{b['peak_rss_mb']:.0f}",
                    _ok(a["offsets_ok"] and b["offsets_ok"]),
                ]
            )
        out.append(
            table(
                [
                    "input",
                    "small n",
                    "small s",
                    "large n",
                    "large s",
                    "time ratio",
                    "peak RSS large (MB)",
                    "offsets ok",
                ],
                rows,
            )
        )
    if res.get("targets"):
        out.append("\n### Targets (issues 7 and 8)\n")
        out.append(
            table(
                ["target", "measured", "met"],
                [[t["target"], t["measured"], _ok(t["met"])] for t in res["targets"]],
            )
        )
    return out


def markdown(res: dict[str, Any]) -> str:
    from .facts_eval import markdown as facts_markdown

    facts = facts_markdown(res["facts"], res.get("facts_blind")) if res.get("facts") else []
    return "\n".join([*accuracy_sections(res), *facts, *speed_sections(res)]) + "\n"


def errors_markdown(res: dict[str, Any], per_label: int) -> str:
    """False positives and misses with context, for the tool being developed."""
    out = []
    for suite, subsets in res["accuracy"].get("eduextract", {}).items():
        rep = subsets["all"]
        out.append(f"## eduextract on `{suite}`\n")
        for kind in ("false_positives", "misses"):
            for label in rep["labels"]:
                items = [e for e in rep[kind] if e["label"] == label][:per_label]
                if not items:
                    continue
                out.append(f"### {kind.replace('_', ' ')}: {label}\n")
                out += [
                    f"- `{e['doc']}` {e['context'].replace(chr(10), ' ')} {e.get('source') or ''}"
                    for e in items
                ]
                out.append("")
    return "\n".join(out) + "\n"


def chart(res: dict[str, Any], path: Path) -> str | None:
    """F1 per label per tool on the first gold suite, and throughput; None if no matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        return f"chart skipped: {exc}"
    tools = [t for t, info in res["tools"].items() if info["available"] and t in res["accuracy"]]
    gold = next((s for s, m in res["suites"].items() if m["kind"] == "gold"), None)
    tp = (res.get("speed") or {}).get("throughput") or {}
    show_f1 = gold is not None and bool(tools)
    if not (show_f1 or tp):
        return "chart skipped: nothing to plot"
    ratios = [3.0] * show_f1 + [1.4] * bool(tp)
    fig, axes = plt.subplots(
        1,
        len(ratios),
        figsize=(3.2 * sum(ratios), 4.8),
        gridspec_kw={"width_ratios": ratios},
        squeeze=False,
    )
    ax1 = axes[0][0]
    ax2 = axes[0][-1]
    if show_f1:
        width = 0.8 / len(tools)
        labels = list(ALL_LABELS)
        for i, t in enumerate(tools):
            rep = res["accuracy"][t][gold]["all"]
            f1 = [
                rep["per_label"][x]["f1"]
                if x in res["tools"][t]["labels"] and x in rep["per_label"]
                else 0.0
                for x in labels
            ]
            ax1.bar([j + i * width for j in range(len(labels))], f1, width, label=t)
        ax1.set_xticks([j + 0.4 - width / 2 for j in range(len(labels))], labels)
        ax1.set_ylim(0, 1.2)
        ax1.set_ylabel("strict F1")
        ax1.set_title(f"Strict F1 per label ({gold}; 0 = label not covered)")
        ax1.legend(fontsize=8, loc="upper center", ncol=len(tools), frameon=False)
    if tp:
        names = list(tp)
        ax2.barh(
            names,
            [tp[t]["chars_per_s"] / 1e6 for t in names],
            color=["tab:blue" if t == "eduextract" else "tab:gray" for t in names],
        )
        ax2.axvline(1.0, color="tab:red", linestyle="--", linewidth=1)
        ax2.set_xlabel("million characters / s (one core)")
        ax2.set_title("Throughput (red: 1M chars/s target)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None
