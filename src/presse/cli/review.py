"""``presse review``: the terminal review of one release, segment by segment.

Each segment shows its German, its French, its findings and its glossary terms.
Nothing is accepted by a key pressed without thinking: Enter shows the keys, and
accepting takes ``a``. The reviewer can go back, jump to any segment (a confirmed one
too) and reopen it, skip, dismiss a finding with a reason, edit in ``$EDITOR`` or on
the prompt line, merge the segment with the next ones of its paragraph (``m``, ``m 2``:
its French translates their German too) or undo a merge (``u``), and quit with ``q``;
every change is saved when it is made. The
session ends with what still blocks approval, the list ``presse status`` gives.

Every change goes through :mod:`presse.steps.review` and :mod:`presse.steps.merge`; this
module only asks and shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from presse.cli.main import repository
from presse.documents.repository import Repository, now_iso
from presse.errors import PresseError
from presse.steps.people import reviewer_name

if TYPE_CHECKING:
    from presse.checks.runner import Problem
    from presse.steps.review import ReviewItem

KEYS = (
    "a accept the French as it is · e edit it ($EDITOR) · i type it here · "
    "d dismiss a finding · r reopen (mark as needing work) · "
    "m [N] merge with the next N segment(s): its French covers their German · u unmerge · "
    "s skip · b back · "
    "g N go to segment N · l list the segments · q quit"
)


# What a session counts, in the order its summary says it.
DONE = ("confirmed", "dismissed", "reopened", "merged", "unmerged")


class Quit(Exception):
    """The reviewer asked to stop (``q``, Ctrl+C or the end of the input)."""


def ask(text: str) -> str:
    """One answer from the reviewer; the end of the input or Ctrl+C means quit."""
    try:
        return str(click.prompt(text, default="", show_default=False)).strip()
    except click.Abort:
        raise Quit from None


@dataclass
class Session:
    repo: Repository
    slug: str
    name: str
    items: list[ReviewItem] = field(default_factory=list)
    history: list[int] = field(default_factory=list)  # the indexes shown, for "back"
    shown_hash: str = ""  # the French of the segment shown, as it was shown
    done: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DONE, 0))

    def reload(self) -> None:
        from presse.steps.review import current_files, review_items

        files = current_files(self.repo, self.slug, now_iso(self.repo))
        self.items = review_items(self.repo, files)

    def next_after(self, index: int) -> int | None:
        """The next segment after ``index`` that needs a person, if any."""
        for later in range(index + 1, len(self.items)):
            if self.items[later].needs_attention:
                return later
        return None

    def number_of(self, segment_id: str) -> str:
        """The segment's number as the review shows it (its id if it is not here)."""
        found = (i.number for i in self.items if i.segment.id == segment_id)
        return str(next(found, segment_id))

    def summary(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in self.done.items() if n)
        return f"{counts} by {self.name} (each saved when it was made)."


# ---------------------------------------------------------------- what is shown


def show_item(session: Session, item: ReviewItem) -> None:
    from presse.steps.review import state_label, word_diff

    segment, total = item.segment, len(session.items)
    click.echo("")
    click.secho(f"[{item.number}/{total}] {state_label(segment)}  ({segment.id})", bold=True)
    if segment.previous_german is not None:
        click.echo("German changed:")
        styled = {
            "=": {},
            "-": {"fg": "red", "strikethrough": True},
            "+": {"fg": "green", "underline": True},
        }
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        pieces = word_diff(segment.previous_german, segment.german)
        click.echo(
            "  " + "".join(click.style(marks[op].format(t), **styled[op]) for op, t in pieces)
        )
    click.echo(f"DE: {segment.german}")
    if segment.covers:
        numbers = ", ".join(session.number_of(key) for key in (segment.id, *segment.covers))
        click.echo(f"DE of segments {numbers} (merged), which the French is checked against:")
        click.echo(f"    {segment.checked_german}")
    if segment.merged_into:
        head = session.number_of(segment.merged_into)
        click.echo(f"FR: (covered by segment {head}: its French translates this German too)")
    else:
        click.echo(f"FR: {segment.french or '(no translation yet)'}")
    if item.terms:
        click.echo(f"terms: {'; '.join(item.terms)}")
    show_findings(item.problems)
    for suggestion in segment.record.suggestions[:3]:
        click.echo(f"memory {suggestion.get('score', 0):.0f}%: {suggestion.get('fr', '')}")


def show_findings(problems: tuple[Problem, ...]) -> None:
    if not problems:
        click.echo("findings: none")
        return
    click.echo("findings:")
    for number, problem in enumerate(problems, start=1):
        colour = "red" if problem.blocking else "yellow"
        click.echo(
            f"  {number}. "
            + click.style(f"{problem.severity} {problem.check}", fg=colour)
            + f": {problem.message}"
        )
        if problem.suggestion:
            click.echo(f"     suggested: {problem.suggestion}")


def show_list(session: Session) -> None:
    from presse.steps.review import state_label

    for item in session.items:
        marks = f"{len(item.problems)} finding(s)" if item.problems else ""
        german = item.segment.german
        excerpt = german if len(german) <= 50 else german[:49] + "…"
        click.echo(f"  {item.number:>3}  {state_label(item.segment):<14} {marks:<13} {excerpt}")


def show_ending(session: Session) -> None:
    """What still blocks approval, by the one approval rule (the blockers of ``presse
    status``, and four eyes for the person reviewing), and where to look."""
    from presse.steps.approval_rule import current_verdict

    _files, verdict = current_verdict(session.repo, session.slug, session.name)
    click.echo("")
    if any(session.done.values()):
        click.echo(session.summary())
    if verdict.allowed and verdict.already is not None:
        already = verdict.already
        click.echo(f"Approved as it is, by {already.by} on {already.at[:10]}: nothing to approve.")
        return
    if verdict.allowed:
        click.echo(f"Nothing blocks approval: presse approve {session.slug}")
        return
    click.echo("Approval is still blocked:")
    for reason in verdict.reasons:
        click.echo(f"  blocks approval: {reason}")
    waiting = [str(item.number) for item in session.items if item.needs_attention]
    if waiting:
        click.echo(f"Segments that need a person: {', '.join(waiting)} (g N opens one).")


# ---------------------------------------------------------------- the actions


def type_french() -> str | None:
    click.echo("Type the French on one line (an empty line leaves the segment as it is).")
    typed = ask("FR")
    return typed or None


def edit_french(current: str) -> str | None:
    """The French from ``$VISUAL``/``$EDITOR`` when one is set and works, else typed here."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        click.echo("No $EDITOR is set.")
        return type_french()
    try:
        edited = click.edit(current, editor=editor, extension=".txt", require_save=True)
    except click.ClickException as error:
        click.echo(f"The editor did not work ({error.message}).")
        return type_french()
    if edited is None or not edited.strip():
        click.echo("Unchanged: nothing was saved in the editor.")
        return None
    return edited


def choose_finding(item: ReviewItem) -> Problem | None:
    if not item.problems:
        click.echo("This segment has no finding to dismiss.")
        return None
    if len(item.problems) == 1:
        return item.problems[0]
    answer = ask(f"Which finding (1-{len(item.problems)}, empty to cancel)?")
    if answer.isdigit() and 1 <= int(answer) <= len(item.problems):
        return item.problems[int(answer) - 1]
    click.echo("No finding dismissed.")
    return None


def dismiss_one(session: Session, item: ReviewItem) -> None:
    from presse.steps.review import dismiss

    problem = choose_finding(item)
    if problem is None:
        return
    click.echo(f"DE: {item.segment.german}")
    click.echo(f"FR: {item.segment.french or '(no translation yet)'}")
    click.echo(f"finding: {problem.severity} {problem.check}: {problem.message}")
    reason = ask("Why does it not apply here? (empty to cancel)")
    if not reason:
        click.echo("No finding dismissed.")
        return
    with session.repo.lock():
        dismiss(
            session.repo, session.slug, item.segment.id, problem.check, problem.message,
            reason, session.name,
        )  # fmt: skip
    session.done["dismissed"] += 1
    click.echo(f"Dismissed, with your reason, by {session.name}.")


def save_french(session: Session, item: ReviewItem, french: str) -> bool:
    """Confirm ``french`` for the segment; False (and the reviewer's text shown, so that
    nothing typed is lost) when someone changed the French meanwhile."""
    from presse.steps.review import ConcurrentEdit, confirm

    try:
        with session.repo.lock():
            confirm(
                session.repo, session.slug, item.segment.id, french, session.name,
                expected_hash=item.segment.french_hash,
            )  # fmt: skip
    except ConcurrentEdit as conflict:
        click.echo("Not saved: someone changed this French since it was shown.")
        click.echo(f"  yours:   {french}")
        click.echo(f"  on disk: {conflict.current or '(empty)'}")
        return False
    session.done["confirmed"] += 1
    session.reload()
    saved = session.items[item.number - 1]
    click.echo(f"Confirmed by {session.name}.")
    if saved.problems:
        show_findings(saved.problems)
    return True


def reopen_one(session: Session, item: ReviewItem) -> None:
    from presse.steps.review import reopen

    if item.segment.needs_a_human:
        click.echo("This segment is not confirmed yet: there is nothing to reopen.")
        return
    with session.repo.lock():
        reopen(session.repo, session.slug, item.segment.id, session.name)
    session.done["reopened"] += 1
    click.echo("Reopened: it needs a person again before approval.")


def merge_one(session: Session, item: ReviewItem, rest: str) -> None:
    """``m`` or ``m N``: the French of the segment covers the next N segments' German."""
    from presse.steps.merge import merge

    count = int(rest) if rest.strip().isdigit() else 1 if not rest.strip() else 0
    if count < 1:
        click.echo("Merge with how many of the next segments? m (one) or m 2.")
        return
    with session.repo.lock():
        merge(session.repo, session.slug, item.segment.id, count, session.name)
    session.done["merged"] += 1
    click.echo(
        f"Merged by {session.name}: the French of segment {item.number} covers the next "
        f"{count} segment(s)."
    )


def unmerge_one(session: Session, item: ReviewItem) -> None:
    """``u``: undo the merge the segment is part of (as its first segment or a covered one)."""
    from presse.steps.merge import unmerge

    head = item.segment.merged_into or item.segment.id
    with session.repo.lock():
        unmerge(session.repo, session.slug, item.segment.id, session.name)
    session.done["unmerged"] += 1
    click.echo(
        f"Unmerged by {session.name}: the segments merged into segment "
        f"{session.number_of(head)} need their own French again."
    )


# ---------------------------------------------------------------- the walk


def act(session: Session, index: int, answer: str) -> int | None:
    """Do what the reviewer typed at segment ``index``; the segment to show next."""
    item = session.items[index]
    key, _, rest = answer.partition(" ")
    key = key.lower()
    if key == "a":
        if item.segment.merged_into:
            head = session.number_of(item.segment.merged_into)
            click.echo(f"Segment {head} covers this one: nothing to accept (u unmerges).")
            return index
        if not item.segment.french:
            click.echo("There is no French to accept yet: type it (i) or edit it (e).")
            return index
        return (
            session.next_after(index) if save_french(session, item, item.segment.french) else index
        )
    if key in ("e", "i"):
        french = edit_french(item.segment.french) if key == "e" else type_french()
        if french is None:
            return index
        return session.next_after(index) if save_french(session, item, french) else index
    if key == "d":
        dismiss_one(session, item)
        return index
    if key == "r":
        reopen_one(session, item)
        return index
    if key == "m":
        merge_one(session, item, rest)
        return index
    if key == "u":
        unmerge_one(session, item)
        return index
    if key == "s":
        return session.next_after(index)
    return move(session, index, key, rest)


def move(session: Session, index: int | None, key: str, rest: str) -> int | None:
    """The keys that only move (also at the end of the walk): back, go to, list."""
    if key == "b":
        if not session.history:
            click.echo("This is the first segment shown.")
            return index
        return session.history.pop()
    if key == "g":
        if rest.strip().isdigit() and 1 <= int(rest) <= len(session.items):
            return int(rest) - 1
        click.echo(f"Go to which segment? g 1 to g {len(session.items)}.")
        return index
    if key == "l":
        show_list(session)
        return index
    click.echo(KEYS)  # Enter, ? or anything else: the keys, and nothing is done
    return index


def stale(session: Session, index: int) -> bool:
    """Whether the segment shown last is no longer as it is now (changed meanwhile)."""
    return session.shown_hash != session.items[index].segment.french_hash


def walk(session: Session) -> None:
    index = session.next_after(-1)
    if index is None:
        click.echo("No segment needs a person: each is confirmed and none has a blocking finding.")
    shown: int | None = -1
    while True:
        if index is None:
            if shown is not None:
                show_ending(session)
            shown = None
            try:
                answer = ask("End of the review (b back, g N go to a segment, l list, q quit)")
            except Quit:
                return
            if answer.lower() == "q":
                return
            key, _, rest = answer.lower().partition(" ")
            target = move(session, None, key, rest)
        else:
            if shown != index:
                show_item(session, session.items[index])
                session.shown_hash = session.items[index].segment.french_hash
            shown = index
            answer = ask("a/e/i/d/r/m/u/s/b/g N/l/q (Enter: help)")
            if answer.lower() == "q":
                raise Quit
            changes = sum(session.done.values())
            try:
                target = act(session, index, answer)
            except PresseError as error:
                click.echo(f"Not saved: {error.message}")
                target = index
            session.reload()
            if target == index and (sum(session.done.values()) != changes or stale(session, index)):
                shown = -1  # show it again, with what changed
        if target != index and index is not None and answer[:1].lower() != "b":
            session.history.append(index)
        index = target


@click.command("review")
@click.argument("slug")
@click.option(
    "--by", help="Your name (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def review_command(ctx: click.Context, slug: str, by: str | None) -> None:
    """Walk the segments of SLUG that need a person, in the terminal."""
    repo = repository(ctx)
    session = Session(repo, repo.require_slug(slug), reviewer_name(repo, by))
    session.reload()
    try:
        walk(session)
    except Quit:
        show_ending(session)  # each change was saved when made: nothing is lost


def add(group: click.Group) -> None:
    group.add_command(review_command)
