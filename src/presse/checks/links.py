"""The ``links`` and ``markup`` checks: the same targets and the same inline Markdown.

Links are Markdown links ``[text](target)``, autolinks ``<https://…>``, bare URLs and
e-mail addresses. Targets are compared without their scheme and trailing slash and with
the host in lower case ("https://www.Kreis-HZ.de/" = "www.kreis-hz.de"). Markup is
counted with markdown-it-py, the parser the site uses, so that "Bürger*innen" or a
"*" in an URL is not mistaken for emphasis.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from rapidfuzz import fuzz, process

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import AUTOLINK_RE, CODE_RE, EMAIL_RE, LINK_RE, bare_urls, blank


def link_targets(text: str) -> list[str]:
    """Every link target, bare URL and e-mail address, as written."""
    text = blank(text, [m.span() for m in CODE_RE.finditer(text)])
    targets: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in LINK_RE.finditer(text):
        if m["target"]:
            targets.append(m["target"])
        spans.append((m.start("target") - 1, m.end()))
    for m in AUTOLINK_RE.finditer(text):
        targets.append(m["target"])
        spans.append(m.span())
    rest = blank(text, spans)
    urls = bare_urls(rest)
    targets += [rest[s:e] for s, e in urls]
    rest = blank(rest, urls)
    targets += [m[0] for m in EMAIL_RE.finditer(rest)]
    return targets


def normalise(target: str) -> str:
    target = re.sub(r"^mailto:", "", target, flags=re.I)
    target = re.sub(r"^https?://", "", target, flags=re.I)
    host, sep, rest = target.partition("/")
    result = host.lower() + sep + rest
    if "@" in result and "/" not in result:
        result = result.lower()
    return result.rstrip("/")


@register("links", "error")
def check_links(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """The German's links and e-mail addresses are all in the French, and no others."""
    de_targets = {normalise(t): t for t in link_targets(de)}
    fr_targets = {normalise(t): t for t in link_targets(fr)}
    extra = [fr_targets[k] for k in fr_targets if k not in de_targets]
    for key, shown in de_targets.items():
        if key in fr_targets:
            continue
        kind = "e-mail address" if "@" in key and "/" not in key else "link"
        close = process.extractOne(shown, extra, scorer=fuzz.ratio, score_cutoff=60)
        if close is not None:
            wrong = close[0]
            extra.remove(wrong)
            yield Problem(
                f"the {kind} '{shown}' is '{wrong}' in the French; did you mean '{shown}'?",
                fr.replace(wrong, shown),
            )
        else:
            yield Problem(f"the {kind} '{shown}' is missing from the French")
    for shown in extra:
        yield Problem(f"the French has the link '{shown}', which is not in the German")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


_GENDER_STAR = re.compile(r"(?<=[^\W\d_])\*(?=in(?:nen)?\b)")
_KINDS = {
    "strong_open": "bold spans (**…**)",
    "em_open": "emphasis spans (*…*)",
    "link_open": "links",
    "code_inline": "code spans (`…`)",
    "image": "images",
}


def markup_counts(text: str) -> Counter[str]:
    """How many spans of each kind of inline Markdown ``text`` has."""
    text = _GENDER_STAR.sub("", text)  # gender star ("Bürger*innen"), not emphasis
    counts: Counter[str] = Counter()
    for token in _parser().parseInline(text):
        for child in token.children or []:
            if child.type in _KINDS:
                counts[child.type] += 1
    return counts


@register("markup", "error")
def check_markup(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """The same number of bold, emphasis, link, code and image spans in both."""
    de_counts, fr_counts = markup_counts(de), markup_counts(fr)
    for kind, label in _KINDS.items():
        if de_counts[kind] != fr_counts[kind]:
            yield Problem(
                f"{label}: {de_counts[kind]} in the German, {fr_counts[kind]} in the French"
            )
