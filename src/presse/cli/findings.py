"""How findings and dismissals read in the terminal (``presse check``, ``presse status``).

Only presentation: the findings, with the German and French of their segment, come
from :mod:`presse.steps.status`. Long sentences are wrapped to the terminal for
``presse check`` (whoever dismisses a finding needs the whole sentence) and shortened
in the middle for the list of dismissals (the German only says which sentence it was).
JSON output is never wrapped nor shortened.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any

import click

from presse.steps.standing import ReleaseStatus

# Wider lines are hard to read even on a wide terminal; narrower ones leave too little.
MIN_WIDTH, MAX_WIDTH = 60, 100
ELLIPSIS = " … "
# Ordinary spaces and line breaks only: a no-break space is French typography (and what
# a typography finding is about), so it is never folded nor broken.
SPACES = re.compile(r"[ \t\r\n]+")

DISMISS_HINT = (
    "A finding that does not apply: presse dismiss SLUG SEGMENT CHECK --reason '…' "
    "(SEGMENT is the id in brackets)."
)


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` when set), kept between 60 and 100."""
    columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def wrapped(label: str, text: str, indent: str = "    ") -> str:
    """``label text`` wrapped to the terminal, continuation lines under the text."""
    first = f"{indent}{label} "
    return textwrap.fill(
        one_line(text),  # a PO editor's line breaks are not the sentence's
        width=terminal_width(),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_long_words=False,  # a URL stays whole, on a line of its own
        break_on_hyphens=False,  # "Belfort-Montbéliard" is one name
    )


def one_line(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def shortened(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, cut in the middle between
    words: a sentence's beginning and end say which sentence it is."""
    text = one_line(text)
    if len(text) <= width:
        return text
    room = max(width - len(ELLIPSIS), 2)
    head = text[: room - room // 2]
    tail = text[len(text) - room // 2 :]
    head = head.rsplit(" ", 1)[0] if " " in head else head  # no word cut in two
    tail = tail.split(" ", 1)[1] if " " in tail else tail
    return f"{head}{ELLIPSIS}{tail}"


def echo_findings(results: list[ReleaseStatus]) -> None:
    """Each finding on its own line (release, [segment], severity, check, message), then
    the segment's German and French once, below its findings."""
    for result in results:
        for segment, problems in result.problems.items():
            for problem in problems:
                click.echo(
                    f"{result.slug} [{segment}] {problem['severity']} "
                    f"{problem['check']}: {problem['message']}"
                )
                if problem.get("suggestion"):
                    click.echo(wrapped("suggested:", problem["suggestion"]))
            echo_texts(problems[0])


def echo_texts(problem: dict[str, Any]) -> None:
    click.echo(wrapped("DE:", problem["source"]))
    click.echo(wrapped("FR:", problem["target"] or "(no translation yet)"))


def echo_check_summary(results: list[ReleaseStatus]) -> None:
    found = [p for r in results for ps in r.problems.values() for p in ps]
    errors = sum(1 for p in found if p["severity"] == "error")
    click.echo(f"{errors} error(s), {len(found) - errors} warning(s).")
    if found:
        click.echo(DISMISS_HINT)


def echo_dismissals(result: ReleaseStatus, in_full: bool) -> None:
    """The release's dismissed findings: each one when ``in_full`` (``presse status
    SLUG``), else how many there are and how to see them."""
    if not result.dismissals:
        return
    if not in_full:
        count = len(result.dismissals)
        click.echo(f"    {count} finding(s) dismissed (presse status {result.slug} lists them)")
        return
    click.echo(f"    dismissed findings ({len(result.dismissals)}):")
    width = terminal_width()
    for dismissal in result.dismissals:
        when = dismissal["at"][:16].replace("T", " ")
        click.echo(
            f"      [{dismissal['segment']}] {dismissal['check']}, "
            f"by {dismissal['by'] or 'someone'} on {when or 'an unknown date'}"
        )
        click.echo(wrapped("why:", dismissal["reason"], indent="        "))
        click.echo(wrapped("finding:", dismissal["message"], indent="        "))
        click.echo(f"        DE: {shortened(dismissal['source'], width - len('        DE: '))}")
