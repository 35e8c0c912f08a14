"""The import fixtures: releases.yaml written out as each kind of input an office has.

``python tests/import_fixtures.py`` writes tests/data/imports/{markdown,text,typo3,
wordpress}/ (committed, so that they can be read); the .docx files are made at test
time by :func:`write_docx` with python-docx. :func:`expected` gives what importing
each input must give, from the same release: this module never calls presse.
"""

from __future__ import annotations

import html
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import yaml

DATA = Path(__file__).resolve().parent / "data" / "imports"
BERLIN = ZoneInfo("Europe/Berlin")
KINDS = ("markdown", "text", "typo3", "wordpress", "docx")
MARKDOWN_STYLES = ("hugo", "jekyll", "netlify", "hand", "hugo-toml")
INLINE = re.compile(
    r"\*\*(?P<strong>.+?)\*\*|(?<![\\\w])\*(?P<em>[^*]+?)(?<!\\)\*|\[(?P<text>[^\]]+)\]\((?P<href>[^)]+)\)"
)
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

Source = dict[str, Any]


def sources() -> list[Source]:
    return yaml.safe_load((DATA / "releases.yaml").read_text("utf-8"))  # type: ignore[no-any-return]


def name_of(index: int, source: Source) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", source["title"].lower().translate(UMLAUTS)).strip("-")
    return f"{index + 1:02d}-{'-'.join(words.split('-')[:5])}"


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def moment(source: Source) -> datetime:
    value = source["date"]
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def day_start(source: Source) -> datetime:
    return datetime.combine(moment(source).date(), datetime.min.time(), BERLIN)


# ------------------------------------------------------------------ inline Markdown


def pieces(markdown: str) -> list[tuple[str, bool, bool, str | None]]:
    """Inline Markdown as runs: (plain text, bold, italic, link target)."""
    runs: list[tuple[str, bool, bool, str | None]] = []
    position = 0
    for m in INLINE.finditer(markdown):
        if m.start() > position:
            runs.append((unescape(markdown[position : m.start()]), False, False, None))
        if m["strong"] is not None:
            runs.append((unescape(m["strong"]), True, False, None))
        elif m["em"] is not None:
            runs.append((unescape(m["em"]), False, True, None))
        else:
            runs.append((unescape(m["text"]), False, False, m["href"]))
        position = m.end()
    if position < len(markdown):
        runs.append((unescape(markdown[position:]), False, False, None))
    return runs


def unescape(markdown: str) -> str:
    return ESCAPE.sub(r"\1", markdown)


def plain_markdown(markdown: str) -> str:
    """What survives a paste into plain text, as Markdown: emphasis gone, a link its text
    and its address in brackets (or only the address when the text is the address)."""

    def replace(m: re.Match[str]) -> str:
        if m["strong"] is not None:
            return m["strong"]
        if m["em"] is not None:
            return m["em"]
        if m["text"].removeprefix("www.") in m["href"]:
            return m["text"]
        return f"{m['text']} ({m['href']})"

    return INLINE.sub(replace, markdown)


def html_inline(markdown: str, site: str) -> str:
    out = []
    for text, bold, italic, href in pieces(markdown):
        piece = html.escape(text, quote=False)
        if italic:
            piece = f"<em>{piece}</em>"
        if bold:
            piece = f"<strong>{piece}</strong>"
        if href:
            target = urlparse(href)
            local = target.netloc == urlparse(site).netloc
            shown = target.path + (f"?{target.query}" if target.query else "") if local else href
            piece = f'<a href="{html.escape(shown)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


# ------------------------------------------------------------------ what import must give


def markdown_block(block: dict[str, Any]) -> str:
    kind, value = next(iter(block.items()))
    if kind == "p":
        return str(value)
    if kind == "h":
        return f"## {value}"
    if kind == "lines":
        return "\\\n".join(value)
    if kind == "ul":
        return "\n".join(f"- {item}" for item in value)
    if kind == "ol":
        return "\n".join(f"{n}. {item}" for n, item in enumerate(value, start=1))
    rows = ["| " + " | ".join(map(str, row)) + " |" for row in value]
    return "\n".join([rows[0], "|" + "---|" * len(value[0]), *rows[1:]])


def expected(source: Source, kind: str, index: int) -> dict[str, Any]:
    """The release importing ``source`` as ``kind`` must give."""
    blocks = [markdown_block(b) for b in source["blocks"]]
    result: dict[str, Any] = {
        "title": source["title"],
        "date": moment(source),
        "category": source["category"],
        "summary": source.get("summary"),
        "source_url": source["source_url"],
        "blocks": blocks,
    }
    if kind == "markdown":
        style = MARKDOWN_STYLES[index % len(MARKDOWN_STYLES)]
        if style == "hand":
            result["date"] = day_start(source)
        if style in ("hugo", "netlify", "hugo-toml"):
            result["source_url"] = None
        return result
    result["summary"] = None
    if kind == "typo3":
        result["date"] = day_start(source)
        result["category"] = None
    if kind in ("text", "docx"):
        result["date"] = day_start(source)
        given = source.get("date_option")
        result["category"] = source["category"] if given else None
        result["source_url"] = source["source_url"] if given else None
    if kind == "text":
        result["blocks"] = [
            plain_markdown(markdown_block(b)) for b in source["blocks"] if "table" not in b
        ]
    return result


def options(source: Source, kind: str) -> list[str]:
    """The command line's options an office gives for this input."""
    if kind in ("text", "docx") and source.get("date_option"):
        return [
            "--date",
            moment(source).date().isoformat(),
            "--category",
            source["category"],
            "--source-url",
            source["source_url"],
        ]
    return []


# ------------------------------------------------------------------ Markdown from other tools


def markdown_input(source: Source, index: int) -> str:
    style = MARKDOWN_STYLES[index % len(MARKDOWN_STYLES)]
    body = "\n\n".join(markdown_block(b) for b in source["blocks"]) + "\n"
    when = moment(source)
    summary = source.get("summary")
    if style == "hugo":
        front = [
            "---",
            f'title: "{source["title"]}"',
            f"date: {when.isoformat()}",
            f"publishDate: {when.isoformat()}",
            "draft: false",
            f"categories: [{source['category']}, Pressemitteilungen]",
            "tags: [presse]",
            *([f'description: "{summary}"'] if summary else []),
            "images: [/images/presse/header.jpg]",
            "---",
        ]
    elif style == "hugo-toml":
        front = [
            "+++",
            f'title = "{source["title"]}"',
            f"date = {when.isoformat()}",
            "draft = false",
            f'categories = ["{source["category"]}"]',
            *([f'summary = "{summary}"'] if summary else []),
            'author = "Pressestelle"',
            "+++",
        ]
    elif style == "jekyll":
        offset = when.strftime("%z")
        front = [
            "---",
            "layout: post",
            f"title: {yaml.safe_dump(source['title'], allow_unicode=True).splitlines()[0]}",
            f"date: {when.strftime('%Y-%m-%d %H:%M:%S')} {offset}",
            "categories:",
            f"  - {source['category']}",
            "  - presse",
            "author: Pressestelle",
            *([f"excerpt: {summary}"] if summary else []),
            f"canonical_url: {source['source_url']}",
            "---",
        ]
    elif style == "netlify":
        utc = when.astimezone(UTC)
        front = [
            "---",
            "templateKey: press-release",
            f"title: {source['title']}",
            f"date: {utc.strftime('%Y-%m-%dT%H:%M:%S.000Z')}",
            f"category: {source['category']}",
            *([f"description: >-\n  {summary}"] if summary else []),
            "featuredimage: /img/presse.jpg",
            "featuredpost: false",
            "---",
        ]
    else:
        front = [
            "---",
            f"title: {source['title']}",
            f"date: {when.date().isoformat()}",
            f"category: {source['category']}",
            *([f"summary: {summary}"] if summary else []),
            f"source_url: {source['source_url']}",
            "---",
        ]
    return "\n".join(front) + "\n\n" + body


# ------------------------------------------------------------------ pasted plain text


def wrap(text: str, width: int = 76) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def text_input(source: Source, index: int) -> str:
    """As pasted from a word processor (odd ones from an e-mail, wrapped at 76)."""
    out: list[str] = []
    if not source.get("dateline") and not source.get("date_option"):
        label = "PRESSEMITTEILUNG" if index % 2 else "Pressemitteilung"
        out += [label, "", moment(source).strftime("%d.%m.%Y"), ""]
    out += [source["title"], ""]
    for block in source["blocks"]:
        kind, value = next(iter(block.items()))
        if kind == "table":
            continue  # a pasted table is columns of tabs; an office retypes it
        if kind == "p":
            text = unescape(plain_markdown(value))
            out += wrap(text) if index % 2 else [text]
        elif kind == "h":
            out.append(value)
        elif kind == "lines":
            out += [unescape(line) for line in value]
        elif kind == "ul":
            out += [("• " if index % 2 else "- ") + unescape(plain_markdown(i)) for i in value]
        else:
            out += [f"{n}. {unescape(plain_markdown(i))}" for n, i in enumerate(value, start=1)]
        out.append("")
    text = "\n".join(out)
    return text.replace("\n", "\r\n") if index % 3 == 0 else text  # Windows line ends


# ------------------------------------------------------------------ two CMS layouts


def html_blocks(source: Source) -> str:
    site = source["source_url"]
    out = []
    for block in source["blocks"]:
        kind, value = next(iter(block.items()))
        if kind == "p":
            out.append(f"<p>{html_inline(value, site)}</p>")
        elif kind == "h":
            out.append(f"<h2>{html.escape(value)}</h2>")
        elif kind == "lines":
            out.append("<p>" + "<br>\n".join(html_inline(line, site) for line in value) + "</p>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{html_inline(i, site)}</li>" for i in value)
            out.append(f"<{kind}>{items}</{kind}>")
        else:
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in value[0])
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                for row in value[1:]
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(out)


def typo3_input(source: Source) -> str:
    """A town's TYPO3 site with the news extension (tx_news): date as a <time> day."""
    office = html.escape(source["office"])
    title = html.escape(source["title"])
    when = moment(source)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{title} | {office}</title>
<link rel="canonical" href="{source["source_url"]}">
<link rel="stylesheet" href="/typo3conf/ext/site/Resources/Public/Css/main.css">
<script src="/typo3temp/assets/js/cookieconsent.js"></script>
</head>
<body class="page-news">
<div id="cookie-consent" class="cookie-banner"><p>Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten. <a href="/datenschutz">Datenschutzerklärung</a></p><button>Alle akzeptieren</button><button>Nur notwendige</button></div>
<header class="site-header"><a class="logo" href="/"><img src="/fileadmin/logo.svg" alt="{office}"></a>
<nav class="main-nav"><ul><li><a href="/rathaus">Rathaus &amp; Service</a></li><li><a href="/leben">Leben &amp; Wohnen</a></li><li><a href="/kultur">Kultur &amp; Freizeit</a></li><li><a href="/wirtschaft">Wirtschaft</a></li></ul></nav>
<form class="search" action="/suche"><input name="q" placeholder="Suchbegriff"><button>Suchen</button></form></header>
<div class="breadcrumb"><a href="/">Startseite</a> › <a href="/rathaus">Rathaus &amp; Service</a> › <a href="/aktuelles">Aktuelles</a> › {title}</div>
<main id="content" class="container">
<div class="news news-single">
<div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">{title}</h1></div>
<div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="{when.date().isoformat()}">{when.strftime("%d.%m.%Y")}</time></span></p></div>
<div class="news-text-wrap" itemprop="articleBody">
{html_blocks(source)}
</div>
<div class="news-related-wrap"><h4>Das könnte Sie auch interessieren</h4><ul><li><a href="/aktuelles/stadtrat-tagt">Stadtrat tagt am Donnerstag</a></li><li><a href="/aktuelles/freibad">Freibad startet in die Saison</a></li><li><a href="/aktuelles/wahlhelfer">Wahlhelferinnen und Wahlhelfer gesucht</a></li></ul></div>
<div class="news-backlink-wrap"><a href="/aktuelles">Zurück</a></div>
<div class="social-share"><a href="https://www.facebook.com/sharer/sharer.php">Teilen</a> <a href="https://twitter.com/intent/tweet">Twittern</a> <a href="mailto:?subject=Empfehlung">E-Mail</a></div>
</div></div>
</main>
<aside class="sidebar"><div class="box"><h3>Bürgerservice</h3><p>Montag bis Freitag 8 bis 12 Uhr, Donnerstag auch 14 bis 18 Uhr.</p><p><a href="/termin">Termin vereinbaren</a></p></div></aside>
<footer class="site-footer"><div class="address">{office}<br>Rathaus<br>Telefon: 0800 000000</div><ul><li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li><li><a href="/barrierefreiheit">Barrierefreiheit</a></li></ul><p>© {when.year} {office}</p></footer>
<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>
</body>
</html>
"""


def wordpress_input(source: Source) -> str:
    """A county's WordPress site with Yoast: article:section and a <time> with offset."""
    office = html.escape(source["office"])
    title = html.escape(source["title"])
    when = moment(source)
    months = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    shown = f"{when.day}. {months.split()[when.month - 1]} {when.year}"
    return f"""<!doctype html>
<html lang="de-DE">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &#8211; {office}</title>
<meta name="robots" content="index, follow">
<link rel="canonical" href="{source["source_url"]}">
<meta property="og:locale" content="de_DE">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{source["source_url"]}">
<meta property="article:section" content="{html.escape(source["category"])}">
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css' media='all'>
<style id='global-styles-inline-css'>body{{--wp--preset--color--black: #000000;}}</style>
</head>
<body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">Zum Inhalt springen</a>
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">{office}</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/buergerservice/">Bürgerservice</a></li><li><a href="/presse/">Presse</a></li><li><a href="/kreistag/">Kreistag</a></li><li><a href="/kontakt/">Kontakt</a></li></ul></nav></header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article id="post-4711" class="post-4711 post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on">Veröffentlicht am <time class="entry-date published" datetime="{when.isoformat()}">{shown}</time></span><span class="byline"> von <span class="author vcard">Pressestelle</span></span></div></header>
<div class="entry-content">
{html_blocks(source)}
</div>
<footer class="entry-footer"><span class="cat-links">Veröffentlicht in <a href="/category/presse/" rel="category tag">Pressemitteilungen</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Beiträge"><div class="nav-links"><div class="nav-previous"><a href="/presse/vorige/" rel="prev">Vorheriger Beitrag</a></div><div class="nav-next"><a href="/presse/naechste/" rel="next">Nächster Beitrag</a></div></div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Schreibe einen Kommentar</h3><form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Deine E-Mail-Adresse wird nicht veröffentlicht.</p><textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="Kommentar abschicken"></form></div></div>
</main>
<aside id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Neueste Beiträge</h2><ul><li><a href="/presse/a/">Kreisstraße wieder frei</a></li><li><a href="/presse/b/">Neue Öffnungszeiten der Zulassungsstelle</a></li></ul></section><section class="widget"><h2 class="widget-title">Archiv</h2><ul><li><a href="/2023/">2023</a></li><li><a href="/2022/">2022</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{office} · <a href="/impressum/">Impressum</a> · <a href="/datenschutz/">Datenschutz</a> · Stolz präsentiert von WordPress</div></footer>
</div>
<script src='/wp-includes/js/jquery/jquery.min.js' id='jquery-core-js'></script>
</body>
</html>
"""


# ------------------------------------------------------------------ Word documents


def _add_runs(paragraph: Any, markdown: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for text, bold, italic, href in pieces(markdown):
        if href is None:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            continue
        # python-docx writes no hyperlinks: the <w:hyperlink> element Word writes.
        part = paragraph.part
        rid = part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        props.append(style)
        run.append(props)
        node = OxmlElement("w:t")
        node.text = text
        node.set(qn("xml:space"), "preserve")
        run.append(node)
        link.append(run)
        paragraph._p.append(link)


def write_docx(source: Source, index: int, path: Path) -> None:
    """The release as an office writes it in Word: label, date, title, styles, links."""
    import docx

    document = docx.Document()
    if not source.get("dateline") and not source.get("date_option"):
        document.add_paragraph("Pressemitteilung")
        document.add_paragraph(
            f"{moment(source).day}. {GERMAN[moment(source).month - 1]} {moment(source).year}"
        )
    if index % 2:
        document.add_paragraph(source["title"], style="Title")
    else:
        document.add_paragraph().add_run(source["title"]).bold = True
    for block_number, block in enumerate(source["blocks"]):
        kind, value = next(iter(block.items()))
        if kind == "p":
            _add_runs(document.add_paragraph(), value)
        elif kind == "h":
            if (index + block_number) % 2:
                document.add_paragraph(value, style="Heading 2")
            else:
                document.add_paragraph().add_run(value).bold = True
        elif kind == "lines":
            if index % 2:
                for line in value:
                    document.add_paragraph(unescape(line))
            else:
                paragraph = document.add_paragraph()
                for number, line in enumerate(value):
                    run = paragraph.add_run(unescape(line))
                    if number < len(value) - 1:
                        run.add_break()
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in value:
                _add_runs(document.add_paragraph(style=style), item)
        else:
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = str(cell)
    document.core_properties.author = "Pressestelle"
    document.save(str(path))


GERMAN = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


# ------------------------------------------------------------------ writing them out


def inputs(kind: str) -> list[tuple[Path, Source, int]]:
    """The committed inputs of ``kind``, with their source and number."""
    suffix = {"markdown": ".md", "text": ".txt", "typo3": ".html", "wordpress": ".html"}[kind]
    return [(DATA / kind / f"{name_of(i, s)}{suffix}", s, i) for i, s in enumerate(sources())]


def render(kind: str, source: Source, index: int) -> str:
    if kind == "markdown":
        return markdown_input(source, index)
    if kind == "text":
        return text_input(source, index)
    return typo3_input(source) if kind == "typo3" else wordpress_input(source)


def main() -> None:
    for kind in ("markdown", "text", "typo3", "wordpress"):
        (DATA / kind).mkdir(exist_ok=True)
        for path, source, index in inputs(kind):
            path.write_bytes(render(kind, source, index).encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
