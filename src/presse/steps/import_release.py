"""The steps of the job, named as a press office names them.

``import_release`` (what an office has, read by :mod:`presse.steps.readers` → release
file; one input, or many at once with a summary), ``extract`` (release → segments →
catalog), ``translate`` (catalog → engine → drafts), ``approve`` and ``build``
(releases and approved catalogs → pages, feeds, kit). Each step reads the
repository, calls the pure models, and writes through :mod:`presse.store.disk`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from presse.documents.release import Release, read_release, render_release
from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.steps.readers import Imported
from presse.store.disk import write_text_atomic


@dataclass(frozen=True)
class ImportResult:
    path: Path
    replaced: bool


def import_release(repo: Repository, release: Release, *, force: bool = False) -> ImportResult:
    """Write an imported release to ``releases/de/<slug>.md``; refuse to overwrite."""
    path = repo.source_path(release.slug)
    exists = path.exists()
    if exists and not force:
        raise PresseError("release exists; pass --force to overwrite it", path)
    write_text_atomic(path, render_release(release))
    return ImportResult(path, exists)


def check_imports(repo: Repository, releases: list[Release], *, force: bool = False) -> None:
    """Refuse before anything is written: a release that exists, or two inputs with one slug."""
    seen: set[str] = set()
    for release in releases:
        path = repo.source_path(release.slug)
        if release.slug in seen:
            raise PresseError("two of the inputs are this one release; import it once", path)
        seen.add(release.slug)
        if path.exists() and not force:
            raise PresseError("release exists; pass --force to overwrite it", path)


def load_all_releases(repo: Repository) -> list[Release]:
    """Every German release of the repository, oldest first."""
    return [read_release(repo.source_path(slug)) for slug in repo.source_slugs()]


# ---------------------------------------------------------------- many inputs at once


@dataclass(frozen=True)
class Outcome:
    """What became of one input of a batch import."""

    source: str  # the input, as named on the command line
    kind: str  # "created", "replaced", "skipped" (already there) or "refused"
    path: Path | None = None  # the release file
    reason: str = ""  # why it was refused: the error's line
    ignored: tuple[str, ...] = ()  # fields of the input presse does not keep
    release: Release | None = None


def plan_batch(
    repo: Repository, read: list[tuple[str, Imported | PresseError]], *, force: bool = False
) -> list[Outcome]:
    """What a batch import does with each input, in order; nothing is written."""
    outcomes: list[Outcome] = []
    first_of: dict[str, str] = {}
    for source, result in read:
        if isinstance(result, PresseError):
            outcomes.append(Outcome(source, "refused", reason=str(result)))
            continue
        release = result.release
        path = repo.source_path(release.slug)
        if release.slug in first_of:
            reason = f"{source}: the same release as {first_of[release.slug]} ({release.slug})"
            outcomes.append(Outcome(source, "refused", path, reason))
            continue
        first_of[release.slug] = source
        kind = ("replaced" if force else "skipped") if path.exists() else "created"
        outcomes.append(Outcome(source, kind, path, ignored=result.ignored, release=release))
    return outcomes


def write_batch(repo: Repository, outcomes: list[Outcome], *, force: bool = False) -> list[Outcome]:
    """Write the releases a plan creates (or replaces), under the lock; the plan is made
    again inside it, since another process may have written meanwhile."""
    done: list[Outcome] = []
    for outcome in outcomes:
        if outcome.release is None or outcome.kind == "refused":
            done.append(outcome)
            continue
        path = repo.source_path(outcome.release.slug)
        if path.exists() and not force:
            done.append(replace(outcome, kind="skipped"))
            continue
        write_text_atomic(path, render_release(outcome.release))
        done.append(outcome)
    return done
