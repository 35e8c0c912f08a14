"""French typography on HTML text nodes, and dates through Babel."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presse.site.dates import long_date
from presse.site.render import renderer
from presse.site.typography import NBSP, NNBSP, french_html, french_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attention: danger", f"Attention{NBSP}: danger"),
        ("Attention : danger", f"Attention{NBSP}: danger"),
        ("Rendez-vous à 10:30 ; merci", f"Rendez-vous à 10:30{NNBSP}; merci"),
        ("Vraiment?! Oui!", f"Vraiment{NNBSP}?! Oui{NNBSP}!"),
        ("Il a dit «bonjour»", f"Il a dit «{NBSP}bonjour{NBSP}»"),
        ("l'eau d'ici", "l’eau d’ici"),
        ("3,5 km et 2:1", "3,5 km et 2:1"),
        ("Voir https://x.fr/a?b=1;c=2 : fin", f"Voir https://x.fr/a?b=1;c=2{NBSP}: fin"),
        ("Écrire à presse@kreis-hz.de!", f"Écrire à presse@kreis-hz.de{NNBSP}!"),
    ],
)
def test_french_text(text: str, expected: str) -> None:
    assert french_text(text, after_inline=False) == expected


def test_french_html_touches_text_nodes_only() -> None:
    html = (
        '<p><strong>Note</strong>: voir <a href="https://x.fr/?a=1;b" title="a:b">l\'ici</a>'
        " ! <code>a: b; c?</code> &quot;Oui&quot; ? &amp; fin</p>"
    )
    out = french_html(html)
    assert f"</strong>{NBSP}: voir" in out
    assert 'href="https://x.fr/?a=1;b" title="a:b"' in out
    assert "<code>a: b; c?</code>" in out
    assert f"l’ici</a>{NNBSP}!" in out
    assert f"&quot;Oui&quot;{NNBSP}?" in out and "&amp; fin" in out


def test_french_body_rendering() -> None:
    html = renderer().html("# Titre\n\nHeure : 10:30 !\n\n```\nx: y;\n```\n", "fr")
    assert "<h2>Titre</h2>" in html
    assert f"Heure{NBSP}: 10:30{NNBSP}!" in html
    assert "x: y;" in html
    assert renderer().html("Heure: 10:30!", "de") == "<p>Heure: 10:30!</p>\n"


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2016, 9, 8), "de", "8. September 2016"),
        (date(2016, 9, 8), "fr", "8 septembre 2016"),
        (date(2016, 9, 1), "fr", "1er septembre 2016"),
        (date(2016, 9, 1), "de", "1. September 2016"),
        (date(2016, 10, 3), "fr", "3 octobre 2016"),
        (datetime.fromisoformat("2016-02-01T00:30:00+01:00"), "fr", "1er février 2016"),
    ],
)
def test_long_date(day: date, lang: str, expected: str) -> None:
    assert long_date(day, lang) == expected


def test_no_break_spaces_written_as_entities_are_not_doubled() -> None:
    # A translator's U+00A0 comes back from the sanitiser as &nbsp;: one space, not two.
    from presse.site.typography import french_html

    html = "<p>«&nbsp;Je me réjouis&nbsp;», dit-il. Harz&nbsp;: les</p>"
    assert french_html(html) == "<p>«\u00a0Je me réjouis\u00a0», dit-il. Harz\u00a0: les</p>"


def _through_the_protected_pieces(text: str, after_inline: bool) -> str:
    """The rules as french_text applies them to text with URLs, addresses or entities:
    the pieces between them one by one (the way every text went before the shortcut)."""
    from presse.site import typography

    if "&" in text:
        text = typography._SPACE_ENTITY.sub(
            lambda m: typography._SPACE_ENTITIES[m.group(0).lower()], text
        )
    out, position = [], 0
    for match in typography._PROTECTED.finditer(text):
        out.append(typography._plain(text[position : match.start()], after_inline or position > 0))
        out.append(match.group(0))
        position = match.end()
    out.append(typography._plain(text[position:], after_inline or position > 0))
    return "".join(out)


@given(
    text=st.text(alphabet=st.sampled_from(list("ab é'«»:;!?.,()1 \u00a0\n")), max_size=40),
    after_inline=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_text_without_urls_takes_the_shortcut_to_the_same_result(
    text: str, after_inline: bool
) -> None:
    expected = _through_the_protected_pieces(text, after_inline) if text else text
    assert french_text(text, after_inline=after_inline) == expected


@given(
    text=st.one_of(
        st.text(alphabet=st.sampled_from(list("a'é_1²ß \u0301-’.")), max_size=30),
        st.text(max_size=30),
    )
)
@settings(max_examples=500, deadline=None)
def test_apostrophes_between_word_characters_become_typographic(text: str) -> None:
    from presse.site.typography import _apostrophes

    assert _apostrophes(text) == re.sub(r"(?<=\w)'(?=\w)", "’", text)


def test_apostrophes_in_a_french_body() -> None:
    html = renderer().html("L'eau d'ici, l''autre et 'cité' : 2'3", "fr")
    assert html == f"<p>L’eau d’ici, l''autre et 'cité'{NBSP}: 2’3</p>\n"


@given(
    pieces=st.lists(
        st.sampled_from(
            [
                "a",
                "é",
                "'",
                ":",
                " ",
                "!",
                "«",
                "»",
                "&nbsp;",
                "&#8239;",
                "&amp;",
                "&quot;",
                "www.x.fr",
                "a@b.fr",
                "http://x.fr/?a=1;b",
                "\n",
                "&",
            ]
        ),
        max_size=12,
    ),
    after_inline=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_text_with_entities_takes_the_shortcut_to_the_same_result(
    pieces: list[str], after_inline: bool
) -> None:
    text = "".join(pieces)
    expected = _through_the_protected_pieces(text, after_inline) if text else text
    assert french_text(text, after_inline=after_inline) == expected


_WORDS = st.sampled_from(["mot", "l'eau", "Harz", "2 500", "10:30", "www.x.fr", "été", "d'ici"])
_JOINS = st.sampled_from(
    [" ", " : ", ": ", " ; ", "; ", " ! ", "! ", " ? ", "? ", " ?! ", ", ", ". "]
    + [f"{space}{sign} " for space in (NBSP, NNBSP) for sign in ":;!?"]
)
_OPENING = st.sampled_from(["« ", "«", f"«{NBSP}", f"«{NNBSP}"])
_CLOSING = st.sampled_from([" »", "»", f"{NBSP}»", f"{NNBSP}»"])


@st.composite
def _french_sentences(draw: st.DrawFn) -> str:
    parts = [draw(_WORDS)]
    for _ in range(draw(st.integers(0, 6))):
        parts.append(draw(_JOINS))
        quoted = draw(st.booleans())
        parts += [draw(_OPENING), draw(_WORDS), draw(_CLOSING)] if quoted else [draw(_WORDS)]
    parts.append(draw(st.sampled_from(["", " !", "!", " ?", "?", ".", f"{NNBSP}!"])))
    return "".join(parts)


@given(text=_french_sentences())
@settings(max_examples=500, deadline=None)
def test_the_site_leaves_text_the_typography_check_fixed_as_it_is(text: str) -> None:
    # What a translator accepts from the check's suggestion goes out unchanged.
    from presse.checks.typography import apply_french_typography

    fixed = apply_french_typography(text)
    assert french_text(fixed, after_inline=False) == fixed


# Words on which only the shared spacing rules act: no digit groups, URLs or quotes.
_SPACING_WORDS = st.sampled_from(["mot", "l'eau", "Harz", "été", "d'ici", "10:30"])


@st.composite
def _spacing_sentences(draw: st.DrawFn) -> str:
    parts = [draw(_SPACING_WORDS)]
    for _ in range(draw(st.integers(0, 6))):
        parts.append(draw(_JOINS))
        quoted = draw(st.booleans())
        word = draw(_SPACING_WORDS)
        parts += [draw(_OPENING), word, draw(_CLOSING)] if quoted else [word]
    parts.append(draw(st.sampled_from(["", " !", "!", " ?", "?", ".", f"{NNBSP}!"])))
    return "".join(parts)


@given(text=_spacing_sentences())
@settings(max_examples=500, deadline=None)
def test_the_site_spaces_french_as_the_typography_check_suggests(text: str) -> None:
    # Both take their spacing from presse.documents.french_typography.
    from presse.checks.typography import apply_french_typography

    assert french_text(text, after_inline=False) == apply_french_typography(text)


def test_a_no_break_space_of_either_kind_is_kept_where_one_belongs() -> None:
    text = f"«{NNBSP}Oui{NNBSP}», dit-il{NBSP}; puis{NNBSP}: non{NBSP}!"
    assert french_text(text, after_inline=False) == text
    assert french_text("« Oui » ; non !", after_inline=False) == (
        f"«{NBSP}Oui{NBSP}»{NNBSP}; non{NNBSP}!"
    )
