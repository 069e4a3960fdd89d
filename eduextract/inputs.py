"""Input files for the command line: decoded here, refused with one line when they are not text.

* Input is read as bytes.  ``auto`` takes UTF-8 (a BOM is dropped) and falls back to GB18030
  (a superset of GBK/GB2312, what many government sites still serve).  A file that is neither,
  or that looks binary (NUL bytes, control characters), is an :class:`InputError`.
* Only regular files and ``-`` (standard input) are read: ``/dev/zero`` or a FIFO nobody
  writes to would make the command read forever.
* Large files (above :data:`STREAM_ABOVE` bytes) and standard input are read in pieces that end at a
  line break, each with its offset in the whole file, so memory stays bounded whatever the
  file's size.  The extractor then sees one piece at a time: document context (a province named
  at the top, a publication date) reaches only spans of the same piece.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from collections.abc import Iterator
from typing import IO

#: files larger than this are streamed in pieces
STREAM_ABOVE = 8 << 20
#: a streamed piece ends at the first line break after this many characters
PIECE_CHARS = 256 << 10
#: ... or at this many characters when a "line" never ends (a span may be cut there)
PIECE_MAX = 4 * PIECE_CHARS


class InputError(Exception):
    """An input that cannot be turned into text; the message is the whole error line."""


def check_encoding(name: str) -> str:
    """``name`` when Python knows the codec (or it is ``auto``); ``ValueError`` otherwise."""
    if name == "auto":
        return name
    try:
        codecs.lookup(name)
    except LookupError:
        raise ValueError(
            f"unknown encoding {name!r}; use auto or a Python codec name such as "
            "utf-8, gb18030, big5, utf-16") from None
    return name


def check_source(name: str) -> int:
    """The size of input ``name`` in bytes; :class:`InputError` unless it can be read."""
    if name == "-":
        return 0
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file (use '-' and a pipe for devices and FIFOs)")
    if not os.access(name, os.R_OK):
        raise InputError(f"{name}: permission denied")
    return info.st_size


def decode(data: bytes, name: str, encoding: str = "auto") -> tuple[str, str]:
    """``(text, encoding used)``; :class:`InputError` for undecodable or binary input."""
    if encoding != "auto":
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from None
        check_not_binary(text, name)
        return text, encoding
    used = sniff(data, name)
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
    check_not_binary(text, name)
    return text, used


def sniff(head: bytes, name: str) -> str:
    """The codec ``auto`` tries first for data starting with ``head``."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    return "utf-8-sig"


def check_not_binary(text: str, name: str) -> None:
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


def read_whole(name: str, encoding: str, stdin: IO[bytes] | None) -> tuple[str, str]:
    """All of input ``name`` as ``(text, encoding used)``."""
    if name == "-":
        if stdin is None:
            raise InputError("standard input is closed; name input files instead")
        return decode(stdin.read(), "<stdin>", encoding)
    check_source(name)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return decode(data, name, encoding)


def read_pieces(
    name: str,
    encoding: str,
    piece_chars: int = PIECE_CHARS,
    piece_max: int = PIECE_MAX,
    stream: IO[bytes] | None = None,
) -> Iterator[tuple[int, str, str]]:
    """``(offset, piece, encoding used)`` for a large file, pieces ending at line breaks.

    ``offset`` is the code-point index of the piece in the whole decoded file.  With ``auto``
    the codec is chosen from the first megabyte; a file that turns out not to be UTF-8 later
    fails with the byte offset (pass ``--encoding``).  ``stream`` reads an open binary stream
    (standard input) instead of the file ``name``.
    """
    if stream is not None:
        fh = stream
    else:
        check_source(name)
        try:
            fh = open(name, "rb")  # closed in the finally below
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        head = fh.read(1 << 20)
        used = encoding
        if encoding == "auto":
            used = sniff(head, name)
            try:
                codecs.getincrementaldecoder(used)().decode(head, final=False)
            except UnicodeDecodeError:
                used = "gb18030"
        decoder = codecs.getincrementaldecoder(used)()
        offset, consumed, buffer, checked = 0, 0, "", False
        data = head
        while True:
            final = not data
            try:
                buffer += decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                where = consumed + exc.start
                raise InputError(f"{name}: not valid {used} (byte {where}); pass --encoding NAME"
                                 ) from None
            consumed += len(data)
            if not checked and (len(buffer) >= 65536 or final):
                check_not_binary(buffer, name)
                checked = True
            while len(buffer) >= piece_chars or (final and buffer):
                cut = _cut(buffer, piece_chars, piece_max, final)
                if cut is None:
                    break
                yield offset, buffer[:cut], used
                offset += cut
                buffer = buffer[cut:]
            if final:
                return
            data = fh.read(1 << 20)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    finally:
        if stream is None:
            fh.close()


def _cut(buffer: str, piece_chars: int, piece_max: int, final: bool) -> int | None:
    """Where the next piece ends: after a line break past ``piece_chars``; ``None``: read more."""
    if final and len(buffer) <= piece_chars:
        return len(buffer)
    found = buffer.find("\n", piece_chars - 1, piece_max)
    if found >= 0:
        return found + 1
    if len(buffer) >= piece_max:
        return piece_max
    return len(buffer) if final else None
