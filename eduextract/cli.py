"""The ``eduextract`` command: spans of files or standard input, in the format another tool wants.

Every failure is one line on stderr naming the path and the cause, with an exit code from
:data:`EXIT_CODES`; no traceback reaches the user.  Everything that can be checked before any
output exists is checked first (options, the output path, every input's existence and type),
so a bad last file does not leave the first files' spans on stdout.  Reading and decoding is
in :mod:`.inputs`, output files in :mod:`.outputs`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from . import export
from .extractor import Extractor
from .inputs import STREAM_ABOVE, InputError, check_encoding, check_source, read_pieces, read_whole
from .outputs import (
    OutputError,
    OutputMismatch,
    check_brat_folder,
    check_file_target,
    output_file,
)
from .span import LABELS, OFFSET_UNITS

FORMATS: tuple[str, ...] = (
    "jsonl", "brat", "conll", "labelstudio", "table",
    "facts", "facts-csv", "citations", "citations-csv",
)  # fmt: skip
#: formats whose output can be written while a large file is still being read
STREAMED_FORMATS = ("jsonl", "table")
ENCODINGS_HELP = (
    "auto (UTF-8, else GB18030; default), or any Python codec name (gb18030, big5, utf-16)"
)
#: input above this many bytes gets a progress bar even when it is a single file
LARGE_INPUT = 1 << 20
EXIT_CODES = {
    0: "success (also when the reader of stdout goes away, as in `| head -1`)",
    1: "an input or output failed: missing, unreadable, not text, disk full, ...",
    2: "usage error: unknown option, label, encoding or format; a contradicting --output",
    130: "interrupted (Ctrl-C); an --output file keeps its old content",
    143: "terminated (SIGTERM, SIGHUP); an --output file keeps its old content",
}

EPILOG = """\
--output means, per format:
  jsonl, table, conll, labelstudio   a FILE, replaced atomically only when all inputs
                                     succeeded; it keeps its mode (a new file gets the
                                     umask's); devices such as /dev/null are written into,
                                     never replaced
  brat                               a DIRECTORY, receiving NAME.txt + NAME.ann per input and
                                     annotation.conf; a path ending in .ann/.txt is refused
                                     (without --output, brat prints the .ann of one input)

Without --output (or with --output -), spans go to stdout file by file.  Every input is
checked (exists, is a regular file, readable) before anything is written; if a file then
fails to decode, the error names it and the spans of the files before it are complete on
stdout.  For jsonl and table, files above 8 MB and standard input are read in pieces
ending at line breaks (offsets stay those of the whole input; memory stays bounded);
document context then reaches only spans in the same piece (about 256 K characters).

examples:
  eduextract notice.txt                            JSON lines, one span per line
  cat notice.txt | eduextract --labels MONEY,PERCENT
  eduextract *.txt --format table --output spans.tsv
  eduextract *.txt --format brat --output brat_dir/
  eduextract page.txt --offsets utf16              offsets for JavaScript/Java
  eduextract --gazetteer my_orgs.csv notice.txt    your own institutions (ORG)
  eduextract old.txt --encoding gb18030

exit codes:
""" + "".join(f"  {code:<4} {meaning}\n" for code, meaning in EXIT_CODES.items())


class UsageError(Exception):
    """A bad option value: exit status 2."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is so ``finally`` blocks clean up."""


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="eduextract",
        description="Extract typed spans (NUMBER, ORDINAL, PERCENT, MONEY, ORG, DOCNO, DATE) "
        "from Chinese government and education documents.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        "--gazetteer", action="append", default=[], metavar="FILE",
        help="your own institutions (CSV/TSV/JSONL, as Extractor(gazetteers=...)); repeatable",
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH",
        help="write here instead of stdout: a FILE, or a DIRECTORY for --format brat (below)",
    )
    parser.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="progress bar on stderr (default: on a terminal, for several files or large input)",
    )
    parser.add_argument("--version", action="version", version=f"eduextract {__version__}")
    return parser


def _stdout_dash(args: argparse.Namespace) -> None:
    if args.output == "-":  # the usual spelling of "standard output"
        args.output = None


# kept for callers of the first version
atomic_writer = output_file


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


# -- main -------------------------------------------------------------------------------------


def _say(message: str) -> None:
    with suppress(OSError, ValueError):
        print(f"eduextract: {message}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's exit-time flush cannot fail again."""
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """SIGTERM/SIGHUP raise :class:`Terminated`, so temp files go as they do on Ctrl-C."""

    def handler(signum: int, frame: Any) -> None:
        raise Terminated(signum)

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is None:
            continue
        try:
            saved[sig] = signal.signal(sig, handler)
        except ValueError:  # not the main thread (an embedding application): leave them
            pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stderr is None:  # started with `2>&-`: messages go nowhere, but never crash
        sys.stderr = open(os.devnull, "w")
    with _signals_as_exceptions():
        try:
            args = build_parser().parse_args(argv)
            return _run(args)
        except UsageError as exc:
            _say(str(exc))
            return 2
        except (InputError, OutputError) as exc:
            _say(str(exc))
            return 1
        except Terminated:
            _say("terminated")
            return 143
        except KeyboardInterrupt:
            _say("interrupted")
            return 130
        except BrokenPipeError:
            # the reader went away (`eduextract f | head`); nothing useful left to say
            _silence_stdout()
            return 0


def _check_args(args: argparse.Namespace) -> tuple[Extractor, str, list[str], list[int]]:
    """Everything that can fail before any output exists; :class:`UsageError` or input errors."""
    try:
        check_encoding(args.encoding)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    labels = None
    if args.labels is not None:
        labels = [x.strip() for x in args.labels.split(",") if x.strip()]
        if not labels:
            raise UsageError(f"--labels {args.labels!r} names no label; valid labels: "
                             f"{', '.join(LABELS)} (omit --labels for all)")
    offsets = args.offsets or ("utf16" if args.format == "labelstudio" else "codepoint")
    if args.format in ("brat", "conll") and offsets != "codepoint":
        raise UsageError(f"--format {args.format} counts code points; drop --offsets")
    sources = args.files or ["-"]
    if args.format == "brat" and len(sources) > 1 and not args.output:
        raise UsageError("--format brat with several inputs needs --output DIR")
    if "-" in sources and sys.stdin is None:
        raise InputError("standard input is closed; name input files instead")
    if not args.output and sys.stdout is None:
        raise OutputError("standard output is closed; use --output FILE")
    if args.output:
        try:
            if args.format == "brat":
                check_brat_folder(args.output)
            else:
                check_file_target(args.output)
        except OutputMismatch as exc:
            raise UsageError(str(exc)) from None
    sizes = [check_source(name) for name in sources]
    try:
        extractor = Extractor(labels=labels, gazetteers=args.gazetteer)
    except (ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from None
    return extractor, offsets, sources, sizes


def _run(args: argparse.Namespace) -> int:
    _stdout_dash(args)
    extractor, offsets, sources, sizes = _check_args(args)
    total = sum(sizes)
    show = args.progress
    if show is None:
        show = sys.stderr.isatty() and (len(sources) > 1 or total > LARGE_INPUT)
    progress = Progress(total, len(sources), sys.stderr) if show else None
    if progress is not None:
        progress.draw()  # at once: a single large file shows its bar before the long wait
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    done: list[str] = []

    def records() -> Iterator[export.Record]:
        for i, (name, size) in enumerate(zip(sources, sizes, strict=True)):
            try:
                streamed = args.format in STREAMED_FORMATS and (
                    size > STREAM_ABOVE or (name == "-" and stdin is not None))
                if streamed:
                    yield from _pieces(name, args.encoding, extractor, offsets,
                                       stdin if name == "-" else None)
                else:
                    text, used = read_whole(name, args.encoding, stdin)
                    _note_encoding(name, args.encoding, used)
                    yield export.Record.of(text, extractor.extract(text), name)
            except InputError as exc:
                if done and not args.output:
                    shown = ", ".join(done[:3]) + (" ..." if len(done) > 3 else "")
                    raise InputError(f"{exc} (stdout holds the complete spans of the "
                                     f"{len(done)} file(s) before it: {shown})") from None
                raise
            done.append(name)
            if progress is not None:
                progress.advance(size, final=i == len(sources) - 1)

    try:
        if args.format == "brat" and args.output:
            _write_brat_dir(records(), Path(args.output))
        elif args.output:
            try:
                with output_file(args.output) as fh:
                    _write(args.format, records(), offsets, fh)
            except OSError as exc:
                raise OutputError(f"{args.output}: {exc.strerror or exc}") from None
        else:
            try:
                _write(args.format, records(), offsets, sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                _silence_stdout()
                raise OutputError(
                    f"cannot write to standard output: {exc.strerror or exc}") from None
    finally:
        if progress is not None:
            with suppress(OSError, ValueError):
                progress.close()
    return 0


def _note_encoding(name: str, asked: str, used: str) -> None:
    if asked == "auto" and used == "gb18030":
        shown = "<stdin>" if name == "-" else name
        _say(f"{shown} is not UTF-8; read it as GB18030")


_UNIT_CODEC = {"utf16": ("utf-16-le", 2), "utf8": ("utf-8", 1)}


def _pieces(
    name: str, encoding: str, extractor: Extractor, offsets: str, stream: IO[bytes] | None
) -> Iterator[export.Record]:
    """Records of a large file's pieces, each knowing where it starts in the output unit."""
    origin, noted = 0, False
    shown = "<stdin>" if name == "-" else name
    for _start, piece, used in read_pieces(shown, encoding, stream=stream):
        if not noted:
            _note_encoding(name, encoding, used)
            noted = True
        yield export.Record.of(piece, extractor.extract(piece), name, origin=origin)
        if offsets == "codepoint":
            origin += len(piece)
        else:
            codec, width = _UNIT_CODEC[offsets]
            origin += len(piece.encode(codec, "surrogatepass")) // width


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
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: {exc.strerror or exc}") from None
    used: set[str] = set()
    for n, record in enumerate(records, start=1):
        stem = base = "stdin" if record.name == "-" else Path(record.name).stem or f"doc{n}"
        k = 1
        while stem in used:  # a/x.txt and b/x.txt must not overwrite each other
            k += 1
            stem = f"{base}-{k}"
        used.add(stem)
        for suffix, content in ((".txt", record.text), (".ann", export.brat_ann(record))):
            path = folder / f"{stem}{suffix}"
            try:
                with output_file(path) as fh:
                    fh.write(content)
            except OSError as exc:
                raise OutputError(f"{path}: {exc.strerror or exc}") from None
    path = folder / "annotation.conf"
    try:
        with output_file(path) as fh:
            fh.write(export.brat_conf())
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
