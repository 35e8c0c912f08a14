"""The glossary check: fixed terms in the German have their one French form.

The matching lives in :mod:`presse.glossary.matching` (inflection-aware German, elision-aware
French); this check only puts its violations into the registry, so ``status``, the
review page and the build gate see them like every other finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from presse.checks._registry import CheckContext, Problem, register


@register("glossary", "error")
def glossary(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    if ctx.glossary is None:
        return
    for violation in ctx.glossary.check(de, fr):  # type: ignore[attr-defined]
        note = f" ({violation.term.note})" if violation.term.note else ""
        yield Problem(violation.message + (note if violation.kind in ("avoid", "wrong") else ""))
