"""The ``eduextract`` command: spans of files or standard input, in the format another tool wants.

Design points, each one a failure seen with government files:

* Input is read as bytes and decoded here.  ``--encoding auto`` takes UTF-8 (a BOM is dropped)
  and falls back to GB18030 (a superset of GBK/GB2312, what many government sites still serve),
  saying so on stderr.  A file that is neither, or that looks binary (NUL bytes, control
  characters), is an error with a one-line message and exit status 1, never a page of garbage
  spans.
* ``--output`` is written to a temporary file in the same folder and moved into place with
  ``os.replace`` only after every input succeeded, so an interrupted or failed run never leaves a
  half-written file (and an existing file keeps its old content).
* A progress bar goes to stderr for several files or large input, only on a terminal unless
  ``--progress`` asks for it, so pipes and logs stay clean.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from . import export
from .extractor import Extractor
from .span import LABELS, OFFSET_UNITS

FORMATS: tuple[str, ...] = (
    "jsonl", "brat", "conll", "labelstudio", "table",
    "facts", "facts-csv", "citations", "citations-csv",
)  # fmt: skip
ENCODINGS_HELP = "auto (UTF-8, else GB18030), or any Python codec name (gb18030, big5, utf-16)"
#: input above this many bytes gets a progress bar even when it is a single file
LARGE_INPUT = 1 << 20


class InputError(Exception):
    """An input that cannot be turned into text; the message is the whole error line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduextract",
        description="Extract typed spans from Chinese government and education documents.",
    )
    parser.add_argument("files", nargs="*", help="text files; '-' or none: standard input")
    parser.add_argument(
        "--format", choices=FORMATS, default="jsonl",
        help="jsonl: one span per line (default); brat: .ann (with --output DIR: .txt+.ann "
        "per input); conll: one character per line with BIO tags; labelstudio: pre-annotation "
        "tasks (JSON); table: tab-separated columns; facts / facts-csv: one quantity fact per row "
        "(docs/facts.md); citations / citations-csv: one cited document per row",
    )
    parser.add_argument(
        "--labels", help=f"comma-separated labels to keep (default: all of {','.join(LABELS)})"
    )
    parser.add_argument(
        "--offsets", choices=OFFSET_UNITS, default=None,
        help="unit of start/end: codepoint (Python, default), utf16 (JavaScript, Java; the "
        "labelstudio default), utf8 (bytes: Rust, Go, C); brat and conll are always codepoint",
    )
    parser.add_argument("--encoding", default="auto", help=ENCODINGS_HELP)
    parser.add_argument(
        "-o", "--output", help="write here (atomically) instead of standard output; "
        "a directory for --format brat",
    )
    parser.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="progress bar on stderr (default: on a terminal, for several files or large input)",
    )
    return parser


# -- reading ----------------------------------------------------------------------------------


def decode(data: bytes, name: str, encoding: str = "auto") -> tuple[str, str]:
    """``(text, encoding used)``; :class:`InputError` for undecodable or binary input."""
    if encoding != "auto":
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
        _check_not_binary(text, name)
        return text, encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        used = "utf-16"
    elif b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    else:
        used = "utf-8-sig"
    try:
        text = data.decode(used)
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: neither UTF-8 nor GB18030 text; pass --encoding NAME"
            ) from None
        used = "gb18030"
    _check_not_binary(text, name)
    return text, used


def _check_not_binary(text: str, name: str) -> None:
    """Reject text that decoded but is mostly control or unassigned characters."""
    sample = text[:65536]
    if not sample:
        return
    bad = sum(
        1 for c in sample
        if (c < " " and c not in "\t\n\r\f\v") or unicodedata.category(c) in ("Co", "Cn", "Cs")
        or c == "\x7f"
    )
    if "\x00" in sample or bad > max(2, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")


def read_input(name: str, encoding: str, stdin: IO[bytes]) -> tuple[str, str]:
    if name == "-":
        data = stdin.read()
        label = "<stdin>"
    else:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
        label = name
    return decode(data, label, encoding)


# -- writing ----------------------------------------------------------------------------------


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` complete, or not at all."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise


@contextmanager
def _suppress() -> Iterator[None]:
    try:
        yield
    except OSError:
        pass


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total_bytes: int, files: int, stream: IO[str]) -> None:
        self.total, self.files, self.stream = max(total_bytes, 1), files, stream
        self.done_bytes, self.done_files, self._last = 0, 0, 0.0

    def advance(self, nbytes: int, final: bool = False) -> None:
        self.done_bytes += nbytes
        self.done_files += 1
        now = time.monotonic()
        if not final and now - self._last < 0.1:
            return
        self._last = now
        self.draw()

    def draw(self) -> None:
        share = min(self.done_bytes / self.total, 1.0)
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r[{bar:<30}] {share:4.0%} {self.done_files}/{self.files} files "
            f"{self.done_bytes / 1e6:.1f}/{self.total / 1e6:.1f} MB"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _size(name: str) -> int:
    if name == "-":
        return 0
    try:
        return os.stat(name).st_size
    except OSError:
        return 0


# -- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as exc:
        print(f"eduextract: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("eduextract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`eduextract f | head`); nothing useful left to say
        # point stdout at /dev/null so the interpreter's exit-time flush cannot fail again
        with _suppress():
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    try:
        labels = [x.strip() for x in args.labels.split(",") if x.strip()] if args.labels else None
        extractor = Extractor(labels=labels)
    except ValueError as exc:
        print(f"eduextract: {exc}", file=sys.stderr)
        return 2
    offsets = args.offsets or ("utf16" if args.format == "labelstudio" else "codepoint")
    if args.format in ("brat", "conll") and offsets != "codepoint":
        print(f"eduextract: --format {args.format} counts code points; drop --offsets",
              file=sys.stderr)
        return 2
    sources = args.files or ["-"]
    if args.format == "brat" and len(sources) > 1 and not args.output:
        print("eduextract: --format brat with several inputs needs --output DIR",
              file=sys.stderr)
        return 2

    total = sum(_size(n) for n in sources)
    show = args.progress
    if show is None:
        show = sys.stderr.isatty() and (len(sources) > 1 or total > LARGE_INPUT)
    progress = Progress(total, len(sources), sys.stderr) if show else None
    if progress is not None:
        progress.draw()  # at once: a single large file shows its bar before the long wait
    stdin = sys.stdin.buffer

    def records() -> Iterator[export.Record]:
        for i, name in enumerate(sources):
            text, used = read_input(name, args.encoding, stdin)
            if args.encoding == "auto" and used == "gb18030":
                shown = "<stdin>" if name == "-" else name
                print(f"eduextract: {shown} is not UTF-8; read it as GB18030", file=sys.stderr)
            yield export.Record.of(text, extractor.extract(text), name)
            if progress is not None:
                progress.advance(_size(name) or len(text.encode()), final=i == len(sources) - 1)

    try:
        if args.format == "brat" and args.output:
            _write_brat_dir(records(), Path(args.output))
        elif args.output:
            with atomic_writer(args.output) as fh:
                _write(args.format, records(), offsets, fh)
        else:
            _write(args.format, records(), offsets, sys.stdout)
            sys.stdout.flush()
    finally:
        if progress is not None:
            progress.close()
    return 0


def _write(fmt: str, records: Iterator[export.Record], offsets: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        out.writelines(export.write_jsonl(records, offsets))
    elif fmt == "table":
        out.writelines(export.write_table(records, offsets))
    elif fmt == "conll":
        out.writelines(export.write_conll(records))
    elif fmt == "labelstudio":
        json.dump(export.label_studio_tasks(records, offsets), out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "brat":
        for record in records:
            out.write(export.brat_ann(record))
    elif fmt in ("facts", "facts-csv", "citations", "citations-csv"):
        from . import fact_export

        kind, _, table = fmt.partition("-")
        write = fact_export.write_facts if kind == "facts" else fact_export.write_citations
        out.writelines(write(records, offsets, table or "jsonl"))
    else:  # pragma: no cover - argparse restricts the choices
        raise ValueError(fmt)


def _write_brat_dir(records: Iterator[export.Record], folder: Path) -> None:
    """``NAME.txt`` + ``NAME.ann`` per input and an ``annotation.conf``, each written atomically.

    The ``.txt`` is the decoded text re-encoded as UTF-8, which is what brat's offsets index.
    """
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for n, record in enumerate(records, start=1):
        stem = base = "stdin" if record.name == "-" else Path(record.name).stem or f"doc{n}"
        k = 1
        while stem in used:  # a/x.txt and b/x.txt must not overwrite each other
            k += 1
            stem = f"{base}-{k}"
        used.add(stem)
        with atomic_writer(folder / f"{stem}.txt") as fh:
            fh.write(record.text)
        with atomic_writer(folder / f"{stem}.ann") as fh:
            fh.write(export.brat_ann(record))
    with atomic_writer(folder / "annotation.conf") as fh:
        fh.write(export.brat_conf())
