"""The example notebooks run from a clean kernel, and render()'s HTML shows in a real browser.

Both are slow (a kernel per notebook, a headless Chromium); CI runs them as part of the suite.
The browser test skips cleanly where no Chromium is installed.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))

nbformat = pytest.importorskip("nbformat", reason="the test extra (nbformat) is not installed")
pytest.importorskip("nbclient", reason="the test extra (nbclient) is not installed")


def _builder():
    spec = importlib.util.spec_from_file_location("examples_build", EXAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("examples_build", module)
    spec.loader.exec_module(module)
    return module


def test_the_four_notebooks_are_there_with_their_outputs():
    build = _builder()
    assert {p.name for p in NOTEBOOKS} == set(build.NOTEBOOKS)
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        fresh = build.build(path.name)
        # the stored notebook is the builder's, executed (sources never edited by hand)
        assert [c.source for c in nb.cells] == [c.source for c in fresh.cells], path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs, f"{path.name}: a code cell without stored output"
                assert not [o for o in cell.outputs if o.output_type == "error"]
                assert not [o for o in cell.outputs if o.get("name") == "stderr"], path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_from_a_clean_kernel(path):
    pytest.importorskip("ipykernel", reason="the test extra (ipykernel) is not installed")
    build = _builder()
    nb = build.build(path.name)  # no outputs, nothing carried over
    build.execute(nb, timeout=600)  # raises CellExecutionError on any failing cell
    stored = nbformat.read(path, as_version=4)
    for new, old in zip(nb.cells, stored.cells, strict=True):
        if new.cell_type != "code":
            continue
        kinds = sorted(o.output_type for o in new.outputs)
        assert kinds == sorted(o.output_type for o in old.outputs), new.source[:60]
        # text results are deterministic: the stored outputs are what the code gives today
        for a, b in zip(new.outputs, old.outputs, strict=True):
            if a.output_type == "stream":
                assert a.text == b.text
            elif "text/plain" in a.get("data", {}) and "image/png" not in a.data:
                if "<IPython" not in a.data["text/plain"]:
                    assert a.data["text/plain"] == b.data["text/plain"], new.source[:60]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which(
    "google-chrome")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to render HTML in")
def test_render_html_in_a_headless_browser(tmp_path):
    from html.parser import HTMLParser

    import eduextract
    from eduextract.render import COLOURS

    build = _builder()
    spans = eduextract.extract(build.RENDER_TEXT)
    dom = build.browser(CHROMIUM, build.render_page(), "--dump-dom").decode("utf-8")

    class Marks(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.labels: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "mark":
                self.labels.append(dict(attrs)["data-label"])

    parser = Marks()
    parser.feed(dom)
    assert parser.labels == [s.label for s in spans]  # the browser parsed every span, in order

    png = tmp_path / "render.png"
    build.browser(CHROMIUM, build.render_page(), "--window-size=600,200", f"--screenshot={png}")
    image = pytest.importorskip("PIL.Image").open(png).convert("RGB")
    seen = {rgb for _, rgb in image.getcolors(maxcolors=1 << 24)}
    for label in {s.label for s in spans}:
        hexcode = COLOURS[label].lstrip("#")
        rgb = tuple(int(hexcode[i:i + 2], 16) for i in (0, 2, 4))
        assert rgb in seen, f"no {label} background ({COLOURS[label]}) in the screenshot"
