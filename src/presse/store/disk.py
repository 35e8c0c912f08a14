"""File access in one place: UTF-8 reading with clear errors, atomic writes, the repository lock.

The models (releases, catalogs, review state, glossary) are pure; everything that
touches the disk goes through these functions, so every write is atomic (a temporary
file in the same folder, then a rename) and every read of a file that is not UTF-8
fails with the file and line named.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO

from presse.errors import PresseError

LOCK_TIMEOUT_SECONDS = 30.0
# No file of a press office's repository comes near this (a long release's catalog is
# some 100 KB); a larger one is a mistake or an attack, and is not read into memory.
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text, or a PresseError naming the file and the line of the first bad byte."""
    return decode_utf8(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a PresseError naming the file (also when it is larger than
    :data:`MAX_FILE_BYTES`)."""
    try:
        with open(path, "rb") as handle:
            data = _read_capped(handle)
    except FileNotFoundError:
        raise PresseError("file not found", path) from None
    except OSError as exc:
        raise PresseError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise PresseError(f"larger than {limit} MiB: not a file presse reads", path)
    return data


def _read_capped(handle: BinaryIO) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes. Asked for by the file's size: ``read(n)``
    allocates n bytes first, and 16 MiB for each of an archive's small files was a third
    of the build's gate."""
    limit = MAX_FILE_BYTES + 1
    size = os.fstat(handle.fileno()).st_size
    if not 0 < size < limit:
        return handle.read(limit)  # a large file, or a pipe or device that has no size
    data = handle.read(size + 1)
    if len(data) > size:  # it grew while being read
        data += handle.read(limit - len(data))
    return data


def read_bytes_if_there(path: Path) -> bytes | None:
    """The file's bytes, None when there is no file; anything else that keeps it from
    being read (a folder in its place, no permission, too large) is a PresseError."""
    try:
        return read_bytes(path)
    except PresseError:
        if not os.path.lexists(path):
            return None
        raise


def decode_utf8(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (a BOM is dropped), naming the line of the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PresseError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", path, line
        ) from None
    return text.removeprefix("\ufeff")


# A temporary file is created as any new file is (permissions from the umask), so that
# no chmod is needed after it: a build creates thousands of them.
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


TEMPORARY_SUFFIX = ".tmp"


def _temporary_name(path: Path) -> str:
    return f"{path.parent}/.{path.name}.{os.urandom(6).hex()}{TEMPORARY_SUFFIX}"


def remove_temporaries(path: Path) -> int:
    """Remove the temporary files a killed writer of ``path`` left beside it (only
    when no writer can be at work: under the repository lock); how many."""
    removed = 0
    for left in path.parent.glob(f".{glob_escape(path.name)}.*{TEMPORARY_SUFFIX}"):
        middle = left.name[len(path.name) + 2 : -len(TEMPORARY_SUFFIX)]
        if len(middle) == 12 and all(c in "0123456789abcdef" for c in middle):
            removed += remove_file(left)
    return removed


def _create_temporary(path: Path) -> tuple[int, str]:
    for _ in range(100):
        name = _temporary_name(path)
        try:
            return os.open(name, _CREATE_FLAGS, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")  # pragma: no cover


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file in the folder of ``path``, made when missing. The folder is
    created only when the first try fails: most writes go to folders that exist, and a
    build writes thousands of files."""
    try:
        return _create_temporary(path)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _create_temporary(path)


def write_bytes_atomic(
    path: Path, data: bytes, *, durable: bool = True, compare: bool = True
) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False and leaves the file (and its mtime) untouched when it already holds
    exactly these bytes, so a run that changes nothing rewrites nothing.

    ``durable=False`` skips the ``fsync`` before the rename, for files that are made
    again from the repository whenever they are lost (the built site, caches): the
    rename stays atomic (a reader sees the old file or the new one), but after a power
    cut the new file may be empty until the next build.

    ``compare=False``: the caller knows the bytes differ (it compared them already).
    """
    try:
        if compare and path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    fd, tmp_name = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return True


def write_new_text(path: Path, text: str) -> None:
    """Write a file that does not exist yet, in a folder that nobody reads before it is
    complete (a build's staging folder): no temporary file and no rename are needed.
    A file of that name already there is an error (FileExistsError)."""
    try:
        fd = os.open(path, _CREATE_FLAGS, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, _CREATE_FLAGS, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))


def write_text_atomic(path: Path, text: str, *, durable: bool = True, compare: bool = True) -> bool:
    """Write UTF-8 text atomically; see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"), durable=durable, compare=compare)


def remove_file(path: Path) -> bool:
    """Remove a file if it is there; True when something was removed."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


@contextlib.contextmanager
def repository_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Serialise presse processes that write to one repository.

    The second process waits up to ``timeout`` seconds, then says why it cannot go on.
    """
    # Imported here: filelock loads asyncio, which commands that only read never need.
    from filelock import FileLock, Timeout

    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise PresseError(
            f"another presse process is working on this repository (lock held for over "
            f"{timeout:.0f} s); try again when it has finished",
            lock_path,
        ) from None
    try:
        yield
    finally:
        lock.release()
