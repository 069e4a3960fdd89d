"""Output files for the command line: complete or absent, and never a surprise for the file system.

Each rule here answers a failure seen with the first version of ``--output``:

* A regular file is written to a temporary file in the same folder and moved into place with
  ``os.replace`` only when everything succeeded (an interrupted run leaves the old content and
  no temporary file, also on SIGTERM: the command turns it into an exception).
* The new file keeps the mode of the file it replaces; a new file gets what the umask gives
  any new file (``mkstemp`` alone would make every output 0600).
* Anything that is not a regular file (``/dev/null``, ``/dev/full``, a FIFO) is written into,
  never replaced: run as root, ``os.replace`` would turn ``/dev/full`` into a plain file.
* A folder we may not write in, holding a file we may write, is still written: the output is
  built in a temporary file elsewhere and copied into the target at the end (not atomic, but
  the only thing that works without write access to the folder).
* A symlink is followed: the file it points to is replaced, the link stays a link.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output path that cannot be written; the message is the whole error line."""


class OutputMismatch(OutputError):
    """A path that contradicts what ``--output`` means for the format (a usage error)."""


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_file_target(path: str) -> None:
    """Fail early (before any input is read) for a path that can never be an output file."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a directory (--output names a file for this format)")
        if not stat.S_ISREG(info.st_mode):
            return  # a device or FIFO: written into, see output_file
        if not os.access(target, os.W_OK):
            raise OutputError(f"{path}: permission denied")
        return
    parent = target.parent
    if not parent.exists():
        raise OutputError(f"{path}: directory {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{path}: {str(parent)!r} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: permission denied (cannot create files in {str(parent)!r})")


@contextmanager
def output_file(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears at ``path`` complete, or not at all (see module doc)."""
    shown = os.fspath(path)
    check_file_target(shown)
    target = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _special(target) as fh:
            yield fh
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else new_file_mode()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except PermissionError:
        if info is None:
            raise OutputError(f"{shown}: permission denied") from None
        with _copied_in(target) as fh:
            yield fh
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            if info is not None and getattr(os, "geteuid", lambda: -1)() == 0:
                with suppress(OSError):  # root replacing a user's file: it stays theirs
                    os.fchown(fh.fileno(), info.st_uid, info.st_gid)
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


@contextmanager
def _special(target: Path) -> Iterator[IO[str]]:
    """Write into a device or FIFO as the shell's ``>`` would; never replace it."""
    fd = os.open(target, os.O_WRONLY)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        yield fh
        fh.flush()


@contextmanager
def _copied_in(target: Path) -> Iterator[IO[str]]:
    """Build the output elsewhere, then copy it over the (writable) target in one go."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        yield spool
        spool.flush()
        spool.seek(0)
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            shutil.copyfileobj(spool, fh)
            fh.flush()
            os.fsync(fh.fileno())


def check_brat_folder(path: str) -> None:
    """``--format brat --output`` names a folder: refuse a path that says otherwise."""
    target = Path(path)
    if target.exists():
        if not target.is_dir():
            raise OutputMismatch(
                f"{path}: not a directory (--format brat writes NAME.txt and NAME.ann into the "
                "directory --output names; without --output it prints the .ann to stdout)")
        if not os.access(target, os.W_OK | os.X_OK):
            raise OutputError(f"{path}: permission denied")
        return
    if target.suffix.lower() in {".ann", ".txt", ".conf", ".json", ".jsonl", ".tsv", ".conll"}:
        raise OutputMismatch(
            f"{path}: looks like a file name, but --format brat --output names a directory "
            "(omit --output to print a single .ann to stdout)")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{path}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: permission denied (cannot create it in {str(parent)!r})")
