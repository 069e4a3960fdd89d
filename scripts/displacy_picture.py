"""Regenerate docs/displacy_ents.png: displaCy's entity view of eduextract spans.

Renders the opening of ``samples/sample.txt`` through ``spacy.blank("zh")`` + the eduextract
component, writes the HTML page and screenshots it with headless Chromium (a CJK font such as
``fonts-wqy-zenhei`` must be installed, or the characters come out as boxes).

    python scripts/displacy_picture.py [--chromium chromium] [--out docs/displacy_ents.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--out", default=str(ROOT / "docs" / "displacy_ents.png"))
    parser.add_argument("--size", default="1000,400", help="window WIDTH,HEIGHT in pixels")
    args = parser.parse_args()

    import spacy
    from spacy import displacy

    import eduextract.spacy_component  # noqa: F401  (registers the factory in a checkout)

    lines = (ROOT / "samples" / "sample.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines[:5] if line.strip())
    nlp = spacy.blank("zh")
    nlp.add_pipe("eduextract")
    page = displacy.render(nlp(text), style="ent", page=True, jupyter=False)
    # displaCy's page has generous padding for a browser tab; a picture wants it tight
    page = page.replace(
        "<head>",
        '<head><meta charset="utf-8"><style>body{padding:1rem 1.5rem !important}</style>', 1)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_text(page, encoding="utf-8")
        subprocess.run(
            [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={args.size}", f"--screenshot={args.out}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
