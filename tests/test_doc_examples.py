"""The code examples of README.md and docs/*.md run as doctests.

Every ```python block is either a doctest (``>>>`` lines, run with the blocks before it in the
same file sharing one namespace, as a reader would type them) or a sketch that cannot run here
(a Spark session, a pkuseg model, your own documents) and says so in an HTML comment on the
line before it: ``<!-- sketch: why -->``.  A block that is neither fails this test.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"(?:^(<!--[^\n]*-->)\n)?^```python\n(.*?)^```", re.M | re.S)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _blocks(path: Path) -> list[tuple[int, str | None, str]]:
    text = path.read_text("utf-8")
    return [
        (text.count("\n", 0, m.start(2)) + 1, m.group(1), m.group(2)) for m in _BLOCK.finditer(text)
    ]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_code_examples_run(path):
    blocks = _blocks(path)
    globs: dict[str, object] = {}
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=FLAGS)
    for line, comment, code in blocks:
        if ">>>" not in code:
            assert comment and comment.startswith("<!-- sketch:"), (
                f"{path.name}:{line}: a python block must be a doctest or marked <!-- sketch: … -->"
            )
            continue
        test = parser.get_doctest(code, globs, f"{path.name}:{line}", str(path), line)
        runner.run(test, clear_globs=False)
        globs = test.globs
    result = runner.summarize(verbose=False)
    if any(">>>" in code for _, _, code in blocks):
        assert result.attempted > 0
    assert result.failed == 0, f"{path.name}: {result.failed} doctest example(s) failed"
