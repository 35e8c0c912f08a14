"""Mutating the example's files and running presse on them: shared by the fuzz test in
the suite (a few seeded trials per kind of file) and ``bench/fuzz.py`` (many more).

A trial takes a fresh copy of the example repository, mutates one file of one kind
(PO, review file, German release, French release, glossary, config, TMX, import), runs
the commands that read it in this process, and reports what went wrong: a traceback
(any exception other than the clean exit presse makes), a hang (longer than a few
seconds), or a refusal that changed a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import shutil
import signal
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from presse.cli.main import cli

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
HANG_SECONDS = 5

# Text that parsers of YAML, PO, Markdown, XML and dates trip over.
HOSTILE = (
    ": ", "- ", "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['x']", "{", "}",
    "[", "]", '"', "'", "\t", "\n", "---\n", "...\n", 'msgid "', "msgstr[0] ", "#, fuzzy\n",
    '#| msgid "x"\n', "<", "&", "]]>", "&e;", "\x00", "9" * 40, "-1", "null", "~", "yes",
    "2016-13-45T25:61:00+02:00", "%s %(x)s", "\u202e", "\ufeff", "\\", "\r", "{{ x }}",
    '<!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
)  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """A kind of file presse reads: where it is in the example, and what reads it."""

    name: str
    path: Callable[[Path], Path]
    commands: Callable[[Path, Path], list[list[str]]]


def _reads_everything(repo: Path, target: Path) -> list[list[str]]:
    return [["status"], ["check"], ["build", "--out", str(repo.parent / "site")]]


def _imports(repo: Path, target: Path) -> list[list[str]]:
    return [["import", str(target)]]


def _memory_import(repo: Path, target: Path) -> list[list[str]]:
    return [["memory", "import", str(target)]]


KINDS = {
    kind.name: kind
    for kind in (
        Kind("po", lambda r: r / "locale/fr/LC_MESSAGES" / f"{APPROVED}.po", _reads_everything),
        Kind("review", lambda r: r / "releases/fr" / f"{APPROVED}.review.yaml", _reads_everything),
        Kind("release", lambda r: r / "releases/de" / f"{APPROVED}.md", _reads_everything),
        Kind("french", lambda r: r / "releases/fr" / f"{APPROVED}.md", _reads_everything),
        Kind("glossary", lambda r: r / "glossary.yaml", _reads_everything),
        Kind("config", lambda r: r / "presse.yaml", _reads_everything),
        Kind("tmx", lambda r: r.parent / "pairs.tmx", _memory_import),
        Kind("import", lambda r: r.parent / "export.txt", _imports),
    )
}

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="de" srclang="de" datatype="plaintext"/>
  <body>
    <tu><prop type="x-context">2016-09-08</prop>
      <tuv xml:lang="de"><seg>Der Landrat begrüßte die Gäste.</seg></tuv>
      <tuv xml:lang="fr"><seg>Le président du district a accueilli les invités\u00a0!</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="de"><seg>Die Partnerschaft besteht seit 1994.</seg></tuv>
      <tuv xml:lang="fr"><seg>Le partenariat existe depuis 1994.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def make_example(folder: Path) -> Path:
    """A copy of the example repository in ``folder/example``, with a TMX file and a CMS
    export beside it (outside the repository, where a user keeps files to import)."""
    root = folder / "example"
    root.mkdir(parents=True)
    for name in ("presse.yaml", "glossary.yaml"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    for name in ("releases", "locale", "templates"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
    (folder / "pairs.tmx").write_text(TMX, "utf-8")
    shutil.copy(DATA / "cms-export-2016-09-08.txt", folder / "export.txt")
    return root


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits of the kinds merges, editors and attackers make."""
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def _repeat_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    return b"".join(lines[: at + 1] + lines[at:])


def _swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(HOSTILE).encode("utf-8") + data[at:]


def _replace_value(data: bytes, rng: random.Random) -> bytes:
    """The value after a colon or a space replaced, as a wrong type would be."""
    lines = _lines(data)
    at = rng.randrange(len(lines))
    head, sep, _ = lines[at].partition(b": " if b": " in lines[at] else b" ")
    lines[at] = head + (sep or b" ") + rng.choice(HOSTILE).encode("utf-8") + b"\n"
    return b"".join(lines)


def _reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    line = lines[at]
    lines[at] = line[2:] if line.startswith(b"  ") and rng.random() < 0.5 else b"  " + line
    return b"".join(lines)


def _bad_byte(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice((b"\xff", b"\xc3", b"\xe2\x80", b"\x00")) + data[at + 1 :]


_MUTATIONS = (
    _delete_line, _repeat_line, _swap_lines, _truncate, _insert, _insert, _replace_value,
    _replace_value, _reindent, _bad_byte,
)  # fmt: skip


def snapshot(root: Path) -> dict[str, str]:
    """A digest of every file under ``root``, but presse's caches (``.presse/``)."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".presse" not in path.relative_to(root).parts
    }


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in this (main) thread when the block runs longer than that."""

    def hang(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    """What one trial came to: how many commands refused the file, and what went wrong
    (None when presse either read the file or refused it cleanly)."""

    refusals: int
    problem: str | None


def run_trial(folder: Path, kind: Kind, seed: int) -> Outcome:
    """Mutate one file of ``kind`` with ``seed`` and run every command that reads it."""
    repo = make_example(folder)
    target = kind.path(repo)
    rng = random.Random(f"{kind.name}:{seed}")
    target.write_bytes(mutate(target.read_bytes(), rng))
    runner = CliRunner()
    refusals = 0
    for command in kind.commands(repo, target):
        before = snapshot(folder)
        try:
            with time_limit(HANG_SECONDS):
                result = runner.invoke(cli, ["--repo", str(repo), *command])
        except TimeoutError as hang:
            result = hang
        problem = _judge(result, before, snapshot(folder))
        if problem:
            return Outcome(
                refusals, f"{kind.name} seed {seed}: presse {' '.join(command)}: {problem}"
            )
        refusals += getattr(result, "exit_code", 0) != 0
    return Outcome(refusals, None)


def _judge(result: object, before: dict[str, str], after: dict[str, str]) -> str | None:
    if isinstance(result, TimeoutError):
        return str(result)
    exception = getattr(result, "exception", None)
    if exception is not None and not isinstance(exception, SystemExit):
        if isinstance(exception, TimeoutError):
            return str(exception)
        trace = "".join(traceback.format_exception(exception))
        return f"a traceback:\n{trace}"
    code = getattr(result, "exit_code", 0)
    output = getattr(result, "output", "")  # stdout and stderr: check prints its findings
    if code != 0:
        if not output.strip():
            return f"exit {code} without a word"
        site = {k for k in set(before) | set(after) if k.startswith("site/")}
        changed = [k for k in set(before) | set(after) if before.get(k) != after.get(k)]
        changed = sorted(set(changed) - site)
        if changed:
            return f"refused (exit {code}) but changed {changed}: {output.strip()}"
    return None
