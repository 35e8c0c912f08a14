"""The one interface every machine-translation engine offers, and the work they share.

An engine takes :class:`Unit` objects (one German sentence each, with its paragraph) and
yields one :class:`BatchResult` per finished request, so the caller can save each batch at
once: an error raised mid-run leaves every batch already yielded with the caller.

Engines that call a remote service subclass :class:`BatchEngine` and implement only
``_send`` (one request). The shared work lives here and in :mod:`.markup` and
:mod:`.batching`: protecting inline Markdown and glossary ``keep`` terms as XML tags,
sending whole paragraphs as one tagged text when every sentence needs translating,
falling back to one text per sentence when an answer loses its sentence tags, packing
requests (at most 50 texts, under 128 KiB) and adding up the billed characters.
"""

from __future__ import annotations

import html
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol, runtime_checkable

from presse.engines import batching
from presse.engines.markup import Protector, Span, escape, split_sentences, wrap_sentences
from presse.engines.translation_memory import Suggestion
from presse.errors import PresseError

log = logging.getLogger("presse.engines")


# --- errors ------------------------------------------------------------------------------


class EngineError(PresseError):
    """A machine-translation engine could not do its work; one line, never the key."""


class QuotaExceeded(EngineError):
    """The service's character quota is used up (DeepL HTTP 456)."""


class KeyRejected(EngineError):
    """The key is missing or the service refused it (HTTP 403)."""


class EngineUnavailable(EngineError):
    """The service did not answer: connection refused, timeout, or still failing (429/5xx)
    after the retries."""


# --- data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One German sentence to translate."""

    key: str  # the segment's stable id (opaque here)
    text: str  # German sentence, inline Markdown
    paragraph_key: str  # id of its paragraph/block
    paragraph: str  # the whole paragraph text (context)
    paragraph_complete: bool  # every sentence of the paragraph is in this run


@dataclass
class BatchResult:
    """What one request (or one memory look-up batch) produced."""

    translations: dict[str, str]  # unit key -> French draft, inline Markdown restored
    billed_characters: int = 0
    requests: int = 0
    notes: list[str] = field(default_factory=list)
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)


class GlossaryLike(Protocol):
    """What the engines need from ``presse.glossary.matching.Glossary``."""

    @property
    def checksum(self) -> str: ...

    def keep_spans(self, text: str) -> Sequence[Span]: ...


def glossary_entries(glossary: object) -> dict[str, str]:
    """The glossary's entries for DeepL, German -> French.

    Uses ``glossary.deepl_entries()`` when the object has it, else
    ``presse.glossary.export.export_deepl(glossary)`` (TSV lines ``de<TAB>fr``).
    """
    method = getattr(glossary, "deepl_entries", None)
    if callable(method):
        return dict(method())
    from presse.glossary.export import export_deepl  # only when a glossary is sent to DeepL

    entries: dict[str, str] = {}
    for line in export_deepl(glossary).splitlines():
        if "\t" in line:
            de, fr = line.split("\t", 1)
            if de.strip() and fr.strip():
                entries[de.strip()] = fr.strip()
    return entries


@runtime_checkable
class Engine(Protocol):
    """A machine-translation engine."""

    name: str

    def settings(self) -> dict[str, object]:
        """What is recorded as a draft's origin (never a key)."""
        ...

    def translate(
        self, units: Sequence[Unit], glossary: GlossaryLike | None = None
    ) -> Iterator[BatchResult]:
        """Yield each finished batch; the caller saves it before asking for the next."""
        ...


# --- the shared pipeline of remote engines -----------------------------------------------


@dataclass
class _Text:
    """One text in a request: a single sentence, or a paragraph of tagged sentences."""

    units: list[Unit]
    protectors: list[Protector]
    xml: str
    paragraph: bool  # sentences wrapped in <s n="i">


def _keep_spans(glossary: GlossaryLike | None, text: str) -> Sequence[Span]:
    return glossary.keep_spans(text) if glossary is not None else ()


def _separators(units: Sequence[Unit], paragraph: str) -> tuple[list[Unit], list[str]] | None:
    """The units in paragraph order and the text between them, if all are found in it."""
    found: list[tuple[int, Unit]] = []
    for unit in units:
        at = paragraph.find(unit.text)
        if at < 0 or not unit.text:
            return None
        found.append((at, unit))
    found.sort(key=lambda pair: pair[0])
    separators: list[str] = []
    for (at, unit), (next_at, _) in pairwise(found):
        end = at + len(unit.text)
        if next_at < end:
            return None
        separators.append(paragraph[end:next_at])
    return [unit for _, unit in found], separators


class BatchEngine(ABC):
    """An engine behind a remote service; subclasses implement :meth:`_send`."""

    name: str = ""
    supports_context: bool = True
    keep_attributes: str = ""  # extra attributes on keep tags (LibreTranslate: translate="no")

    @abstractmethod
    def settings(self) -> dict[str, object]: ...

    @abstractmethod
    def _send(
        self, texts: list[str], *, context: str | None, tagged: bool
    ) -> tuple[list[str], int]:
        """One request: the translations of ``texts`` (same order) and the billed characters.

        ``texts`` are XML (entities escaped) when ``tagged``, else plain text.
        Raise an :class:`EngineError` on failure.
        """

    def _prepare(self, glossary: GlossaryLike | None) -> None:  # noqa: B027
        """Called once per run before the first request (DeepL syncs its glossary here)."""

    # -- planning -------------------------------------------------------------------------

    def _sentence_text(self, unit: Unit, glossary: GlossaryLike | None) -> _Text:
        protector = Protector(self.keep_attributes)
        xml = protector.protect(unit.text, _keep_spans(glossary, unit.text))
        return _Text([unit], [protector], xml, paragraph=False)

    def _paragraph_text(self, units: Sequence[Unit], glossary: GlossaryLike | None) -> _Text | None:
        ordered = _separators(units, units[0].paragraph)
        if ordered is None:
            return None
        members, separators = ordered
        protectors, parts = [], []
        for unit in members:
            protector = Protector(self.keep_attributes)
            parts.append(protector.protect(unit.text, _keep_spans(glossary, unit.text)))
            protectors.append(protector)
        xml = wrap_sentences(parts, [escape(s) for s in separators])
        return _Text(members, protectors, xml, paragraph=True)

    def _plan(
        self, units: Sequence[Unit], glossary: GlossaryLike | None
    ) -> Iterator[tuple[list[_Text], str | None]]:
        """The requests: (texts, context). Complete paragraphs first, packed together;
        then each partly translated paragraph's sentences with the paragraph as context."""
        groups: dict[str, list[Unit]] = {}
        seen: set[str] = set()
        for unit in units:
            if unit.key in seen:
                continue
            seen.add(unit.key)
            groups.setdefault(unit.paragraph_key, []).append(unit)
        free: list[_Text] = []
        partial: list[list[Unit]] = []
        for members in groups.values():
            complete = all(u.paragraph_complete for u in members)
            if complete and len(members) == 1:
                free.append(self._sentence_text(members[0], glossary))
                continue
            if complete:
                text = self._paragraph_text(members, glossary)
                if text is not None and batching.fits(text.xml):
                    free.append(text)
                    continue
            if self.supports_context:
                partial.append(members)
            else:
                free.extend(self._sentence_text(u, glossary) for u in members)
        for group in batching.pack(free, lambda t: batching.json_size(t.xml)):
            yield group, None
        for members in partial:
            yield from self._context_requests(members, glossary)

    def _context_requests(
        self, members: Sequence[Unit], glossary: GlossaryLike | None
    ) -> Iterator[tuple[list[_Text], str | None]]:
        context: str | None = members[0].paragraph or None
        texts = [self._sentence_text(u, glossary) for u in members]
        if context and not all(batching.fits(t.xml, context) for t in texts):
            context = None  # a paragraph too long to go along: send the sentences alone
        for text in texts:
            if not batching.fits(text.xml, context):
                raise EngineError(
                    f"segment {text.units[0].key} is too long to translate in one request "
                    f"({len(text.units[0].text)} characters)"
                )
        budget = batching.text_budget(context)
        for group in batching.pack(texts, lambda t: batching.json_size(t.xml), budget=budget):
            yield group, context

    # -- running --------------------------------------------------------------------------

    def _request(self, texts: list[_Text], context: str | None) -> tuple[list[str], int]:
        tagged = any("<" in t.xml for t in texts)
        payload = [t.xml if tagged else html.unescape(t.xml) for t in texts]
        translated, billed = self._send(payload, context=context, tagged=tagged)
        if len(translated) != len(payload):
            raise EngineError(
                f"{self.name}: the service returned {len(translated)} translations "
                f"for {len(payload)} texts"
            )
        if not tagged:
            translated = [escape(t) for t in translated]
        return translated, billed

    def translate(
        self, units: Sequence[Unit], glossary: GlossaryLike | None = None
    ) -> Iterator[BatchResult]:
        units = list(units)
        if not units:
            return
        self._prepare(glossary)
        for texts, context in self._plan(units, glossary):
            yield self._run(texts, context, glossary)

    def _run(
        self, texts: list[_Text], context: str | None, glossary: GlossaryLike | None
    ) -> BatchResult:
        result = BatchResult(translations={})
        translated, billed = self._request(texts, context)
        result.requests += 1
        result.billed_characters += billed
        failed: list[_Text] = []
        for text, answer in zip(texts, translated, strict=True):
            if not text.paragraph:
                self._store(result, text.units[0], text.protectors[0], answer)
                continue
            inner = split_sentences(answer, len(text.units))
            if inner is None:
                failed.append(text)
                continue
            for unit, protector, sentence in zip(text.units, text.protectors, inner, strict=True):
                self._store(result, unit, protector, sentence)
        for text in failed:
            before = result.billed_characters
            requests = 0
            for group, ctx in self._context_requests(text.units, glossary):
                answers, extra = self._request(group, ctx)
                requests += 1
                result.billed_characters += extra
                for sentence_text, answer in zip(group, answers, strict=True):
                    self._store(result, sentence_text.units[0], sentence_text.protectors[0], answer)
            result.requests += requests
            result.notes.append(
                f"paragraph {text.units[0].paragraph_key}: the answer lost its sentence tags; "
                f"fell back to one text per sentence ({requests} more request(s), "
                f"{result.billed_characters - before} more billed characters)"
            )
        log.info(
            "%s: %d texts, %d billed characters",
            self.name,
            len(result.translations),
            result.billed_characters,
        )
        return result

    @staticmethod
    def _store(result: BatchResult, unit: Unit, protector: Protector, answer: str) -> None:
        markdown, problems = protector.restore(answer)
        result.translations[unit.key] = markdown.strip()
        result.notes.extend(f"segment {unit.key}: {problem}" for problem in problems)


def network_options(
    options: dict[str, Any], engine: str, default_retries: int, default_timeout: float
) -> tuple[int, float]:
    """``retries`` and ``timeout`` of a remote engine's options, checked."""
    retries = options.get("retries", default_retries)
    timeout = options.get("timeout", default_timeout)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise PresseError(f"'engine.{engine}.retries' must be a whole number, not {retries!r}")
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise PresseError(f"'engine.{engine}.timeout' must be seconds > 0, not {timeout!r}")
    return retries, timeout
