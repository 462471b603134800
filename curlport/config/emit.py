"""A config's text written atomically, never clobbering what the user did not ask to replace."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from curlport.errors import OutputChangedError, OutputError, OutputExistsError, OutputRefusedError
from curlport.inputs import Snapshot, unchanged
from curlport.lazy_pattern import LazyPattern

#: Our temporary files: ``.NAME.curlport-PID-RANDOM.tmp`` beside the target, so a stale one is recognisable.
_TEMPORARY = ".{name}.curlport-{pid}-{token}.tmp"
_STALE = LazyPattern(r"\.curlport-(\d+)-[0-9a-f]+\.tmp\Z")
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def write_atomically(path: Path, text: str, *, force: bool = False, unchanged_since: Snapshot | None = None) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Readers see the old file or the new one, never half of one; a process killed
    mid-write leaves the old file whole (and a temporary that the next write beside
    it removes). Without ``force`` an existing file is left untouched. A symlink is
    written through: its regular-file target is replaced and the link stays a link;
    anything that is not a regular file (a FIFO, a device, a folder) is refused. A
    replaced file keeps its permission bits; a new one gets 0666 less the umask. A
    read-only file is not replaced (the rename would succeed where a write would not),
    nor one with other hard links (they would keep the old text, split from this name):
    ``OutputRefusedError``.
    With ``unchanged_since``, the file is replaced only if it is still what was read.
    Raises ``OutputError`` (a subclass says which) for every reason it cannot write.
    """
    target, existing = _target(path)
    if existing is not None and not force:
        raise OutputExistsError(path)
    if existing is not None and not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputRefusedError(path, "is read-only; not rewritten (make it writable to let curlport replace it)")
    if existing is not None and existing.st_nlink > 1:
        raise OutputRefusedError(path, f"has {existing.st_nlink} hard links; not rewritten (replacing it would "
                                       "leave the other names with the old text)")
    _remove_stale_temporaries(target)
    temporary = target.parent / _TEMPORARY.format(name=target.name, pid=os.getpid(), token=os.urandom(4).hex())
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as error:
        raise OutputError(path, f"cannot write in {target.parent}: {error.strerror or error}") from None
    try:
        try:
            if existing is not None:
                os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
            _write_all(descriptor, text.encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if unchanged_since is not None and not unchanged(target, unchanged_since):
            raise OutputChangedError(path, "changed since curlport read it (another process wrote it); "
                                           "not replaced: run again")
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)  # fails if the file appeared meanwhile: never clobber
            except FileExistsError:
                raise OutputExistsError(path) from None
            os.unlink(temporary)
        _sync_folder(target.parent)
    except OSError as error:
        _discard(temporary)
        raise OutputError(path, f"cannot write: {error.strerror or error}") from None
    except BaseException:
        _discard(temporary)
        raise


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to write (a symlink's final target) and its status when it exists; refusals as ``OutputError``."""
    target = Path(os.path.realpath(path))
    if path.is_symlink() and not target.exists():
        raise OutputError(path, f"is a symlink to {os.readlink(path)}, which does not exist (a dangling link); "
                                "not written")
    if not target.parent.is_dir():
        raise OutputError(path, f"the folder {path.parent} does not exist")
    try:
        status = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise OutputError(path, f"cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a file")
        raise OutputError(path, f"is {kind}, not a regular file; curlport only writes regular files")
    return target, status


def _write_all(descriptor: int, data: bytes) -> None:
    """All of ``data``, in chunks (``os.write`` may write less than asked)."""
    written = 0
    while written < len(data):
        written += os.write(descriptor, data[written:written + (1 << 16)])


def _remove_stale_temporaries(target: Path) -> None:
    """Remove our temporaries beside ``target`` left by a writer that was killed (its process no longer runs)."""
    prefix = f".{target.name}"
    try:
        names = [name for name in os.listdir(target.parent) if name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        found = _STALE.match(name, len(prefix))
        if found and not _running(int(found.group(1))):
            _discard(target.parent / name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after it keeps the new name)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
