"""The benchmark command end to end in --quick mode (the smoke test of issue 3)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench(*args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """``python -m benchmarks ARGS`` from the repository root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_quick_run_prints_tables_and_writes_json_and_chart(tmp_path):
    out = tmp_path / "out"
    proc = _bench("--quick", "--tools", "eduextract,cn2an", "--out", str(out), timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    stdout = proc.stdout
    assert "### Strict F1 per label on `tests/data/gold_seeds.jsonl`" in stdout
    assert "| eduextract |" in stdout and "| cn2an |" in stdout
    assert "### Peer suites" in stdout and "ms_recognizers_zh_percent" in stdout
    assert "### Throughput" in stdout and "### Targets" in stdout

    acc = json.loads((out / "accuracy.json").read_text(encoding="utf-8"))
    gold = acc["accuracy"]["eduextract"]["gold_seeds"]["all"]
    assert gold["per_label"]["ORG"]["n_gold"] == 384
    assert set(acc["accuracy"]["cn2an"]["cn2an_cases"]) == {"all", "compatible", "clean"}
    assert acc["suites"]["cn2an_cases"]["lines"] == {"all": 166, "compatible": 138, "clean": 113}
    # the real corpus and the ORG-only NER sets are scored by default (NER shrunk in --quick)
    assert (
        acc["suites"]["real"]["kind"] == "real"
        and "by_kind" in acc["accuracy"]["eduextract"]["real"]
    )
    assert acc["suites"]["msra_test_org"]["lines"]["all"] == 300
    assert (
        "msra_test_org" in acc["accuracy"]["eduextract"]
        and "msra_test_org" not in acc["accuracy"]["cn2an"]
    )

    sp = json.loads((out / "speed.json").read_text(encoding="utf-8"))["speed"]
    assert sp["throughput"]["eduextract"]["chars_per_s"] > 0
    assert sp["startup"]["eduextract"]["import_plus_first_s"] > 0
    assert [r["factor"] for r in sp["scaling"]["rows"]] == [1, 10]
    assert all("error" not in r["large"] and r["large"]["offsets_ok"] for r in sp["adversarial"])
    assert [r["docs"] for r in sp["stream_docs"]] == [100, 1000]
    assert sp["stream_bytes"]["bytes"] >= 1_000_000
    assert (out / "errors.md").exists()
    if importlib.util.find_spec("matplotlib") is not None:
        assert (out / "benchmark.png").stat().st_size > 1000


def test_unknown_tool_is_a_usage_error():
    proc = _bench("--tools", "nope", "--no-speed", timeout=60)
    assert proc.returncode == 2 and "unknown tool" in proc.stderr


def test_custom_gold_file_without_peer_suites(tmp_path):
    gold = tmp_path / "mine.jsonl"
    text = "共14个"
    gold.write_text(
        json.dumps(
            {
                "id": "x",
                "text": text,
                "spans": [
                    {
                        "start": 1,
                        "end": 3,
                        "label": "NUMBER",
                        "text": "14",
                        "value": {"value": 14, "approx": False},
                    }
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    proc = _bench(
        "--gold", str(gold), "--peer", "", "--no-speed", "--no-chart",
        "--tools", "cn2an", "--out", str(out), timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    acc = json.loads((out / "accuracy.json").read_text(encoding="utf-8"))
    assert acc["accuracy"]["cn2an"]["mine"]["all"]["per_label"]["NUMBER"]["f1"] == 1.0
    assert "Peer suites" not in proc.stdout
