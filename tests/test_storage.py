"""Atomic writes: whole files or none, nothing left behind, permissions as for any new file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from presse.store.disk import write_text_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_write_makes_the_folders_and_rewrites_nothing_identical(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "page.html"
    assert write_text_atomic(path, "Grüße\n") is True
    assert path.read_text("utf-8") == "Grüße\n"
    before = path.stat().st_mtime_ns
    assert write_text_atomic(path, "Grüße\n") is False
    assert path.stat().st_mtime_ns == before
    assert write_text_atomic(path, "Salut\n", durable=False) is True
    assert path.read_text("utf-8") == "Salut\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_permissions_of_the_umask(
    tmp_path: Path, umask: int, expected: int
) -> None:
    old = os.umask(umask)
    try:
        path = tmp_path / "file.txt"
        write_text_atomic(path, "x")
        assert mode(path) == expected
    finally:
        os.umask(old)


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "keep.txt").write_text("kept", "utf-8")
    with pytest.raises(OSError):
        write_text_atomic(target, "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert (target / "keep.txt").read_text("utf-8") == "kept"


def test_a_file_too_large_to_be_presse_s_is_refused_unread(tmp_path: Path) -> None:
    from presse.errors import PresseError
    from presse.store.disk import MAX_FILE_BYTES, read_text

    path = tmp_path / "huge.po"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(PresseError, match="larger than 16 MiB") as refused:
        read_text(path)
    assert refused.value.path == path


def test_a_folder_where_a_file_should_be_is_a_clear_error(tmp_path: Path) -> None:
    from presse.errors import PresseError
    from presse.store.disk import read_text

    with pytest.raises(PresseError, match="cannot read") as refused:
        read_text(tmp_path)
    assert refused.value.path == tmp_path
