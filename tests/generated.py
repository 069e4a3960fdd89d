"""The "a generated file is current" check several test modules make, in one place.

Gold JSONL files and derived gazetteers are committed next to the hand-written sources they
are built from by a script in ``scripts/``; a test rebuilds them in memory and compares, so a
source edited without rerunning its script fails with the command that fixes it.  The scripts
are imported as ``scripts.<name>`` (``scripts/`` is a namespace package; pytest puts the
repository root on ``sys.path``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module."""
    return importlib.import_module(f"scripts.{name}")


def assert_current(built: str, path: Path, command: str) -> None:
    """``path`` holds exactly ``built``; otherwise say which command rebuilds it."""
    assert built == path.read_text(encoding="utf-8"), (
        f"{path.relative_to(ROOT)} is stale: run {command}"
    )
