"""Baidu LAC as an ORG tagger: loading recipe, chunking, offsets, and a JSON-lines worker.

LAC needs paddlepaddle and ``numpy<2``, which must not enter the project's environment, so this
file imports nothing from the project: the benchmark imports it in-process when LAC is
importable, and otherwise runs it as a script under the interpreter named by
``EDUEXTRACT_LAC_PYTHON``::

    $EDUEXTRACT_LAC_PYTHON benchmarks/lac_worker.py      # one {"text": ...} per line in,
                                                          # one {"orgs": [[s, e], ...]} per line out

Recipe (see the LAC reference note): paddle 2.6 has no ``paddle.fluid``; LAC only needs names
that live in ``paddle.base.core``, so ``paddle.base`` is registered under the old name.  oneDNN is
turned off on the predictor config: its fused GRU kernel can crash on inputs of varying shape,
and turning it off changes no output.  LAC reads better sentence by sentence, so the text is cut
at ``\\n。！？；`` and code-point offsets are rebuilt by walking the text word by word.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

#: the chunk boundaries: a chunk ends after one of these characters
_CHUNK = re.compile(r"[^\n。！？；]*[\n。！？；]?")


def load_lac() -> Any:
    """A ``LAC(mode='lac')`` instance, oneDNN off; ImportError when LAC/paddle are absent."""
    import paddle
    import paddle.base
    import paddle.base.core

    sys.modules.setdefault("paddle.fluid", paddle.base)
    sys.modules.setdefault("paddle.fluid.core", paddle.base.core)
    from LAC import models

    original = models.create_paddle_predictor

    def predictor_without_onednn(config: Any) -> Any:
        config.disable_mkldnn()
        return original(config)

    models.create_paddle_predictor = predictor_without_onednn
    try:
        from LAC import LAC

        return LAC(mode="lac")
    finally:
        models.create_paddle_predictor = original


def chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, chunk)`` pairs covering ``text``; blank chunks are left out."""
    out = []
    for m in _CHUNK.finditer(text):
        if m.group().strip():
            out.append((m.start(), m.group()))
    return out


def org_offsets(lac: Any, text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every word LAC tags ``ORG`` (``nt`` maps to the same id)."""
    found: list[tuple[int, int]] = []
    for base, chunk in chunks(text):
        words, tags = lac.run(chunk)
        pos = 0
        for word, tag in zip(words, tags, strict=False):
            at = chunk.find(word, pos) if word else -1
            if at < 0:  # LAC never rewrites characters; be safe if it ever drops one
                continue
            pos = at + len(word)
            if tag in ("ORG", "nt"):
                s, e = base + at, base + pos
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    found.append((s, e))
    return found


def main() -> int:
    lac = load_lac()
    from importlib import metadata

    print(json.dumps({"ready": True, "version": metadata.version("lac")}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        print(json.dumps({"orgs": org_offsets(lac, text)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
