"""The ``eduextract`` command: spans of files or standard input as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .extractor import Extractor
from .span import LABELS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduextract",
        description="Extract typed spans from Chinese government and education documents.",
    )
    parser.add_argument("files", nargs="*", help="UTF-8 text files (default: standard input)")
    parser.add_argument(
        "--labels", help=f"comma-separated labels to keep (default: all of {','.join(LABELS)})"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        extractor = Extractor(labels=args.labels.split(",") if args.labels else None)
    except ValueError as exc:
        print(f"eduextract: {exc}", file=sys.stderr)
        return 2
    sources = args.files or ["-"]
    for name in sources:
        try:
            text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"eduextract: cannot read {name}: {exc}", file=sys.stderr)
            return 1
        for span in extractor.extract(text):
            row = {"file": name, **span.to_dict()}
            print(json.dumps(row, ensure_ascii=False))
    return 0
