"""Reading input with a bound, and decoding it: never more than the limit and one byte, whatever the file or stream is.

A size check after a whole read is no check: ``/dev/zero``, a 1 GiB ``@file`` or
200 MB piped in would be read (or read forever) before it is refused. Every input
curlport reads goes through ``read_bounded``; the caller refuses ``limit + 1`` bytes.

A file read for ``lint --fix`` also keeps its ``Snapshot`` (identity, size, time and
hash of what was read), so that ``write_atomically`` can refuse to replace it when
another process changed it meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple

from curlport.errors import InputError
from curlport.source import Source, Span

#: The most a curl command or a config may be; here, beside the readers, so that lint of configs needs no importer.
MAX_INPUT_BYTES: Final = 1 << 20


class Snapshot(NamedTuple):
    """What a file was when it was read: enough to tell whether it is still the same file with the same bytes.

    A named tuple, not a frozen dataclass: cheaper to define at every start and to make.
    """

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, status: os.stat_result, data: bytes) -> Snapshot:
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, _sha256(data))


def _sha256(data: bytes) -> str:
    import hashlib  # here, not at import: only a file that may be rewritten is hashed (hashlib loads OpenSSL)

    return hashlib.sha256(data).hexdigest()


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a stream: one byte more than allowed says it is too large."""
    chunks, left = [], limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_bounded(path: Path, limit: int, snapshot: bool = False) -> tuple[bytes, Snapshot | None]:
    """At most ``limit + 1`` bytes of ``path``, and with ``snapshot`` its snapshot when it is a regular file.

    A FIFO or a device is read with the bound too (and has no snapshot): it cannot
    be replaced, only refused (``write_atomically``). Only a file that may be
    rewritten needs a snapshot. Raises ``OSError``.
    """
    with path.open("rb") as handle:
        status = os.fstat(handle.fileno())
        data = read_stream(handle, limit)
    regular = stat.S_ISREG(status.st_mode)
    return data, Snapshot.of(status, data) if snapshot and regular and len(data) <= limit else None


def unchanged(path: Path, snapshot: Snapshot) -> bool:
    """Whether ``path`` is still the file ``snapshot`` was taken of, byte for byte."""
    try:
        status = path.stat()
        if (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns) != (
                snapshot.device, snapshot.inode, snapshot.size, snapshot.mtime_ns):
            return False
        data, _ = read_bounded(path, snapshot.size)
    except OSError:
        return False
    return _sha256(data) == snapshot.sha256


def decode_input(data: bytes) -> str:
    """The text of a curl file, or an InputError that says exactly what is wrong with it."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError("input is larger than 1 MiB, the most a curl command or config may be (read no further)",
                         Span(1, 1, 1, 1))
    nul = data.find(b"\0")
    # UTF-16 without a mark has NUL bytes: most files (none) are told from it by the one search above.
    if data.startswith(_UTF16_MARKS) or (nul != -1 and _looks_utf16(data)):
        raise InputError("UTF-16 text (Windows Notepad and PowerShell's '>' save it so): save the file as UTF-8",
                         Span(1, 1, 1, 2))
    if nul != -1:
        position = Source(data[:nul].decode("utf-8", errors="replace")).position(nul)
        raise InputError("binary input (a NUL byte): expected the text of a curl command",
                         Span(position[0], position[1], position[0], position[1] + 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = Source(data[: error.start].decode("utf-8", errors="replace")).position(
            len(data[: error.start].decode("utf-8", errors="replace")))
        raise InputError(f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
                         Span(line, column, line, column + 1)) from None
    return text.removeprefix("\ufeff")


_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or ASCII text with a NUL every other byte (UTF-16 without a mark)."""
    if data.startswith(_UTF16_MARKS):
        return True
    even, odd = data[:64:2], data[1:64:2]
    return len(odd) >= 2 and any(b.count(0) == len(b) and 0 not in a for a, b in ((even, odd), (odd, even)))
