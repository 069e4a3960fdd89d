"""The built wheel: data folders inside, and spaCy finds the component through the entry point.

The wheel is installed with ``--no-deps`` into a fresh virtual environment whose only view of
the dependencies (spaCy, cn2an, …) is a ``.pth`` line pointing at this interpreter's
site-packages, so the test needs no network and still imports eduextract from the wheel alone
(not from this checkout: the process runs in an empty folder without ``PYTHONPATH``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
         str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("eduextract-*.whl")
    return found


def test_wheel_ships_the_data_folders_and_the_entry_point(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("eduextract/rules/") and n.endswith(".toml") for n in names)
    for folder in ("rules", "gazetteers"):
        shipped = sorted(n for n in names if n.startswith(f"eduextract/{folder}/"))
        assert shipped, f"no {folder}/ in the wheel"
        expected = sorted(
            f"eduextract/{folder}/{p.relative_to(ROOT / folder).as_posix()}"
            for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
        assert shipped == expected
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[spacy_factories]\neduextract = eduextract.spacy_component:make_eduextract" in text
    assert "eduextract = eduextract.cli:main" in text


def test_installed_wheel_gives_spacy_the_component(wheel, tmp_path):
    pytest.importorskip("spacy")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "_host_site_packages.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    code = """
import importlib.metadata as md, json, spacy
nlp = spacy.blank("zh")            # no eduextract import: the entry point must find it
nlp.add_pipe("eduextract", config={"label_scheme": "ontonotes"})
doc = nlp("2021年全省投入7.64亿元，占比53%。")
import eduextract, eduextract.data
print(json.dumps({
    "module": eduextract.__file__,
    "dist": str(md.distribution("eduextract").locate_file("")),
    "rules": str(eduextract.data.data_dir("rules")),
    "gazetteers": str(eduextract.data.data_dir("gazetteers")),
    "pipe": nlp.pipe_names,
    "spans": [[s.text, s.label_, s._.eduextract_value] for s in doc.spans["eduextract"]],
}))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["module"].startswith(site) and info["dist"].startswith(site)
    assert info["rules"].startswith(site) and info["gazetteers"].startswith(site)
    assert info["pipe"] == ["eduextract"]
    assert ["7.64亿元", "MONEY", {"value": 764000000, "currency": "CNY", "approx": False}] in (
        info["spans"])  # the rules shipped in the wheel work
    assert ["53%", "PERCENT", {"value": 53, "unit": "percent"}] in info["spans"]
    cli = subprocess.run([str(Path(python).parent / "eduextract"), "--format", "table"],
                         input="占比53%。".encode(), capture_output=True, cwd=tmp_path, env=env,
                         timeout=120)
    assert cli.returncode == 0 and cli.stdout.decode().startswith("file\tstart\tend\tlabel")
