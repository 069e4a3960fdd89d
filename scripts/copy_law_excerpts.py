"""Copy citation-bearing paragraphs of LawRefBook/Laws files into tests/data/citations/raw/.

Each excerpt is the document's paragraphs (after ``<!-- INFO END -->``) that hold a 《 or a
〔, copied byte for byte and joined by a blank line as in the source, up to ``--max`` characters;
nothing is retyped.  Prints ``id<TAB>source`` lines for the gold file headers.

    python scripts/copy_law_excerpts.py /work/.mirror/LawRefBook+Laws/repo c01 FILE...
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "citations" / "raw"


def excerpt(body: str, limit: int) -> str:
    body = body.split("<!-- INFO END -->", 1)[-1]
    out: list[str] = []
    size = 0
    for para in body.split("\n"):
        if ("《" in para or "〔" in para) and para.strip():
            if size + len(para) > limit and out:
                break
            out.append(para)
            size += len(para) + 2
    return "\n\n".join(out)


def main(repo: str, prefix: str, files: list[str], limit: int = 1500) -> None:
    commit = subprocess.run(
        ["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    OUT.mkdir(parents=True, exist_ok=True)
    for n, path in enumerate(files, start=1):
        body = subprocess.run(
            ["git", "-C", repo, "show", f"HEAD:{path}"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        ident = f"{prefix}-{n:03d}"
        (OUT / f"{ident}.txt").write_text(excerpt(body, limit) + "\n", encoding="utf-8")
        print(f"{ident}\tgithub:LawRefBook/Laws:{path}@{commit}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
