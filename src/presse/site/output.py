"""The output folder of a build: where its files are written, what the last build left.

An existing folder (a site that may be served while it is rebuilt) is changed file by
file, each through a temporary file and a rename (:func:`presse.store.disk.write_text_atomic`,
identical bytes not rewritten). A folder that does not exist yet, as in a fresh clone
or on CI, is built beside it under a hidden name, each file written once in place, and
renamed to its own name when the build is done: the site appears whole or not at all,
and a build from nothing makes no temporary file per page (the renames and temporary
files were a quarter of such a build's time). A staging folder that a killed build left
behind is removed by the next build.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from presse.site import layout
from presse.site.model import BuildSummary
from presse.store.disk import remove_file, write_new_text, write_text_atomic

STAGING_MARK = ".building-"


class OutputFolder:
    """The folder a build writes to, given as ``out``; files go to :attr:`folder`."""

    def __init__(self, out: Path) -> None:
        self.out = out
        for left in out.parent.glob(f".{out.name}{STAGING_MARK}*"):
            shutil.rmtree(left, ignore_errors=True)  # a build killed before its rename
        self.staging: Path | None = None
        if not out.exists():
            self.staging = out.parent / f".{out.name}{STAGING_MARK}{os.getpid()}"
            self.staging.mkdir(parents=True)
        self.folder = self.staging or out

    def write(self, rel: str, text: str) -> bool:
        """Write one file; False when it already held that text."""
        path = self.folder / rel
        if self.staging is not None:
            write_new_text(path, text)
            return True
        # Made again by the next build when lost: atomic, but not fsynced one by one.
        return write_text_atomic(path, text, durable=False)

    def previous_manifest(self) -> dict[str, str]:
        """What the last build into this folder wrote: each file and its key."""
        if self.staging is not None:
            return {}
        try:
            data = json.loads((self.out / layout.MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != layout.MANIFEST_VERSION:
            return {}
        files = data.get("files")
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def holds(self, rel: str) -> bool:
        return self.staging is None and os.path.isfile(f"{self.out}/{rel}")

    def remove_stale(self, stale: list[str], summary: BuildSummary) -> None:
        """Remove files of the last build that this one no longer makes."""
        for rel in sorted(stale):
            if not _inside(rel):
                continue
            path = self.out / rel
            if remove_file(path):
                summary.removed.append(path)
            folder = path.parent
            while folder != self.out and folder.is_dir():
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent

    def finish(self, files: dict[str, str]) -> None:
        """Write the manifest; a staged site then takes its own name, whole."""
        manifest = {"generator": "presse", "version": layout.MANIFEST_VERSION, "files": files}
        self.write(layout.MANIFEST_FILE, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        if self.staging is not None:
            os.rename(self.staging, self.out)  # replaces an empty folder made meanwhile

    def abandon(self) -> None:
        """A build that failed leaves nothing behind in a folder it was making."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def _inside(rel: str) -> bool:
    """A manifest entry names a file inside the output folder (never ``..``)."""
    parts = Path(rel).parts
    return bool(parts) and ".." not in parts and not Path(rel).is_absolute()
