"""The one cache contract (presse.store.cache): an entry answers while the files it was
derived from keep their fingerprint, and only then."""

from __future__ import annotations

import os
import time
from pathlib import Path

from presse.store.cache import RACY_FINE_SECONDS, RACY_SECONDS, DerivedCache, files_fingerprint

AN_HOUR_AGO = time.time() - 3600


def settled(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def test_an_entry_answers_while_its_files_are_unchanged(tmp_path: Path) -> None:
    source = settled(tmp_path / "a.md", "Zwei")
    cache = DerivedCache(tmp_path / "cache.pickle", "v1")
    cache.put("a", files_fingerprint([source], time.time()), {"state": "approved"})
    cache.save()
    again = DerivedCache(tmp_path / "cache.pickle", "v1")
    assert again.get("a", files_fingerprint([source], time.time())) == {"state": "approved"}
    settled(source, "Nur zwei")  # another size: another fingerprint
    assert again.get("a", files_fingerprint([source], time.time())) is None


def test_a_file_modified_just_now_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("Zwei", "utf-8")
    assert files_fingerprint([source], time.time()) is None
    assert files_fingerprint([source], time.time() + RACY_SECONDS + 1) is not None
    cache = DerivedCache(tmp_path / "cache.pickle", "v1")
    cache.put("a", None, "derived")  # nothing to key it by: not remembered
    cache.save()
    assert not (tmp_path / "cache.pickle").exists()


def test_whole_second_mtimes_wait_out_the_coarse_tick_and_fine_ones_do_not(
    tmp_path: Path,
) -> None:
    # A file system that keeps whole seconds (FAT: two) may give a second change within
    # that time the same mtime; one that keeps fractions ticks with the kernel's clock.
    now = float(int(time.time()))
    coarse = tmp_path / "coarse.md"
    coarse.write_text("Zwei", "utf-8")
    os.utime(coarse, ns=(int(now - 1) * 10**9, int(now - 1) * 10**9))
    fine = tmp_path / "fine.md"
    fine.write_text("Zwei", "utf-8")
    half = int((now - 0.5) * 10**9) + 1
    os.utime(fine, ns=(half, half))
    assert files_fingerprint([coarse], now) is None
    assert files_fingerprint([coarse], now + RACY_SECONDS) is not None
    assert files_fingerprint([fine], now) is not None
    assert files_fingerprint([fine], now - 0.5 + RACY_FINE_SECONDS / 2) is None


def test_the_same_bytes_with_new_stats_answer_when_the_cache_keeps_their_digest(
    tmp_path: Path,
) -> None:
    source = settled(tmp_path / "a.md", "Zwei")
    cache = DerivedCache(tmp_path / "cache.pickle", "v1")
    cache.put("a", files_fingerprint([source], time.time()), "derived", content="digest-1")
    os.utime(source, (AN_HOUR_AGO - 60, AN_HOUR_AGO - 60))  # a checkout: new stats
    moved = files_fingerprint([source], time.time())
    assert cache.get("a", moved) is None
    assert cache.get("a", moved, lambda: "digest-2") is None
    assert cache.get("a", moved, lambda: "digest-1") == "derived"
    assert cache.get("a", moved) == "derived"  # the new stats were remembered


def test_other_shared_inputs_or_an_unreadable_file_hold_no_entries(tmp_path: Path) -> None:
    source = settled(tmp_path / "a.md", "Zwei")
    stats = files_fingerprint([source], time.time())
    cache = DerivedCache(tmp_path / "cache.pickle", "glossary-1")
    cache.put("a", stats, "derived")
    cache.save()
    assert DerivedCache(tmp_path / "cache.pickle", "glossary-2").get("a", stats) is None
    (tmp_path / "cache.pickle").write_bytes(b"\x80\x05truncated")
    assert DerivedCache(tmp_path / "cache.pickle", "glossary-1").get("a", stats) is None


def test_the_file_is_written_only_when_an_entry_changed(tmp_path: Path) -> None:
    source = settled(tmp_path / "a.md", "Zwei")
    stats = files_fingerprint([source], time.time())
    path = tmp_path / "cache.pickle"
    cache = DerivedCache(path, "v1")
    cache.put("a", stats, "derived")
    cache.save()
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    same = DerivedCache(path, "v1")
    same.put("a", stats, "derived")
    same.save()
    assert path.stat().st_mtime == AN_HOUR_AGO
    same.keep_only([])  # the release was deleted
    same.save()
    assert not path.exists()
