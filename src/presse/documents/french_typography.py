"""French spacing: the rules the published site and the ``typography`` check share.

French puts a no-break space (U+00A0, :data:`NBSP`) before ``:`` and inside « », and a
narrow no-break space (U+202F, :data:`NNBSP`) before ``;``, ``!`` and ``?``. This module
owns, for both :mod:`presse.site.typography` (published HTML) and
:mod:`presse.checks.typography` (catalog text, with its suggested fix):

* which mark takes which space (:data:`COLON_SPACE`, :data:`SIGNS` and
  :data:`SIGN_SPACE`, :data:`GUILLEMET_SPACE`);
* which spaces may stand before a mark (:data:`SPACES`, :data:`SP`), and that one
  no-break space of either kind a translator typed is kept where one belongs
  (:data:`NO_BREAK_SPACES`);
* when a mark ends a word and so is spaced (:func:`word_end`): when white space, the
  end of the text or closing punctuation (:data:`CLOSING`) follows it, so ``10:30``
  and ``index.php?id=1`` stay as they are.

What each side adds is its own: the site walks HTML text nodes, skips code, entities,
URLs and e-mail addresses as HTML writes them, and turns ``'`` into ``’`` between word
characters; the check reads inline Markdown (code spans and link targets are protected,
see :mod:`presse.checks._text`, and clock times), reports findings and also suggests
« » quotes, digit groups and a no-break space before % and €.

At the edges the two still differ, each side keeping what it has always done: after a
mark, the site also counts ``. , …`` as closing, the check ``“ ! ?`` (and Markdown's
``* _``); the site spaces a run of signs (``?;``) as one and leaves a sign right after
``( [ «`` alone; the site turns any spaces before a mark into the one it takes, the check only
plain spaces and tabs; the site's apostrophes stand between word characters (``2’3``),
the check's between letters; and each matches URLs and e-mail addresses its own way
(the site keeps a URL's trailing ``!`` in it). Making them one is a change of output.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

#: Spaces that may separate digit groups or stand before French punctuation (a thin
#: space and a tab among them).
SPACES = " \t\u00a0\u202f\u2009"
SP = f"[{SPACES}]"  # one space of any kind, for regular expressions

#: Where a rule puts a no-break space, one of either kind already there is kept: the
#: check accepts both, and the site publishes what the check accepted.
NO_BREAK_SPACES = (NBSP, NNBSP)

COLON_SPACE = NBSP  # before ":"
SIGNS = ";!?"  # the marks that take SIGN_SPACE before them
SIGN_SPACE = NNBSP
GUILLEMET_SPACE = NBSP  # after « and before »

#: Closing punctuation that may follow a mark which ends a word ("(oui !)", "« non : »").
CLOSING = "»)]\"'’”"


def word_end(also: str = "", *alternatives: str) -> str:
    """A lookahead for what follows a mark that ends a word: white space, the end of the
    text, :data:`CLOSING`, the characters ``also`` or one of the patterns ``alternatives``
    (what each side reads in its own kind of text)."""
    closing = "".join(re.escape(char) for char in CLOSING + also)
    return "(?=" + "|".join(["$", rf"[\s{closing}]", *alternatives]) + ")"
