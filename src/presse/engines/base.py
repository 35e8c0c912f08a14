"""The one interface every machine-translation engine offers, and the work they share.

An engine takes :class:`Unit` objects (one German sentence each, with its paragraph) and
yields one :class:`BatchResult` per finished request, so the caller can save each batch at
once: an error raised mid-run leaves every batch already yielded with the caller.

Engines that call a remote service subclass :class:`BatchEngine` and implement only
``_send`` (one request). The shared work lives here and in :mod:`.markup` and
:mod:`.batching`: protecting inline Markdown and glossary ``keep`` terms as XML tags,
sending whole paragraphs as one tagged text when every sentence needs translating,
falling back to one text per sentence when an answer loses its sentence tags, packing
requests (at most 50 texts, under 128 KiB), adding up the billed characters, and, when
the service refuses a request for lack of quota, sending its texts again in smaller
requests so that every sentence that still fits is translated (and yielded) before the
:class:`QuotaExceeded` reaches the caller.
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

SENTENCE_TAG_ROOM = len('<s n="999"></s> ')  # what a sentence adds in a paragraph text


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
    # unit key -> what the service said of that draft (billed_characters: its share of
    # its text's; model_type_used when the service names the model)
    details: dict[str, dict[str, object]] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """The service's answer for one text of a request."""

    text: str
    billed_characters: int = 0
    model: str | None = None  # the model the service used, when it says


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
    def _send(self, texts: list[str], *, context: str | None, tagged: bool) -> list[Answer]:
        """One request: the answer for each of ``texts``, in the same order.

        ``texts`` are XML (entities escaped) when ``tagged``, else plain text.
        Raise an :class:`EngineError` on failure.
        """

    def _prepare(self, glossary: GlossaryLike | None) -> None:  # noqa: B027
        """Called once per run before the first request (DeepL syncs its glossary here)."""

    def billable(self, unit: Unit, glossary: GlossaryLike | None = None) -> int:
        """At most the characters the service bills for ``unit``: its text as sent, tags
        and escapes included, and room for the sentence tag of a paragraph."""
        return len(self._sentence_text(unit, glossary).xml) + SENTENCE_TAG_ROOM

    def quota_left(self) -> int | None:
        """Characters the service will still translate this billing period (None: no
        limit, or the service does not say)."""
        return None

    @classmethod
    def requests_for(cls, units: Sequence[Unit], glossary: GlossaryLike | None = None) -> int:
        """How many requests :meth:`translate` would make for ``units`` when every answer
        keeps its sentence tags; sends nothing and needs no key (planning reads only the
        class's attributes, so the engine is not set up)."""
        planner = cls.__new__(cls)
        return sum(1 for _ in planner._plan(_unique(units), glossary))

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

    def _request(self, texts: list[_Text], context: str | None) -> list[Answer]:
        tagged = any("<" in t.xml for t in texts)
        payload = [t.xml if tagged else html.unescape(t.xml) for t in texts]
        answers = self._send(payload, context=context, tagged=tagged)
        if len(answers) != len(payload):
            raise EngineError(
                f"{self.name}: the service returned {len(answers)} translations "
                f"for {len(payload)} texts"
            )
        if not tagged:
            answers = [Answer(escape(a.text), a.billed_characters, a.model) for a in answers]
        return answers

    def translate(
        self, units: Sequence[Unit], glossary: GlossaryLike | None = None
    ) -> Iterator[BatchResult]:
        units = _unique(units)
        if not units:
            return
        self._prepare(glossary)
        for texts, context in self._plan(units, glossary):
            yield from self._run_within_quota(texts, context, glossary)

    def _run_within_quota(
        self, texts: list[_Text], context: str | None, glossary: GlossaryLike | None
    ) -> Iterator[BatchResult]:
        """One planned request; refused for lack of quota, its texts again in halves (a
        paragraph as its sentences), so that what still fits is translated and yielded
        before the refusal of the first sentence that does not fit is raised."""
        try:
            result, refused = self._run(texts, context, glossary)
        except QuotaExceeded:
            if len(texts) == 1 and len(texts[0].units) == 1:
                raise
        else:
            yield result
            if refused is not None:
                raise refused
            return
        if len(texts) > 1:
            middle = len(texts) // 2
            yield from self._run_within_quota(texts[:middle], context, glossary)
            yield from self._run_within_quota(texts[middle:], context, glossary)
            return
        for group, ctx in self._context_requests(texts[0].units, glossary):
            for one in group:
                yield from self._run_within_quota([one], ctx, glossary)

    def _run(
        self, texts: list[_Text], context: str | None, glossary: GlossaryLike | None
    ) -> tuple[BatchResult, QuotaExceeded | None]:
        """One request and the fallbacks its paragraphs need; a refusal for lack of quota
        during the fallbacks comes back beside what the request did translate."""
        result = BatchResult(translations={})
        answers = self._request(texts, context)
        result.requests += 1
        result.billed_characters += sum(a.billed_characters for a in answers)
        failed: list[_Text] = []
        for text, answer in zip(texts, answers, strict=True):
            if not text.paragraph:
                self._store(result, text.units[0], text.protectors[0], answer.text)
                self._detail(result, text.units, answer)
                continue
            inner = split_sentences(answer.text, len(text.units))
            if inner is None:
                failed.append(text)
                continue
            for unit, protector, sentence in zip(text.units, text.protectors, inner, strict=True):
                self._store(result, unit, protector, sentence)
            self._detail(result, text.units, answer)
        refused: QuotaExceeded | None = None
        for text in failed:
            before = result.billed_characters
            requests = 0
            try:
                for group, ctx in self._context_requests(text.units, glossary):
                    answers = self._request(group, ctx)
                    requests += 1
                    result.billed_characters += sum(a.billed_characters for a in answers)
                    for one, answer in zip(group, answers, strict=True):
                        self._store(result, one.units[0], one.protectors[0], answer.text)
                        self._detail(result, one.units, answer)
            except QuotaExceeded as error:
                refused = error
            result.requests += requests
            result.notes.append(
                f"paragraph {text.units[0].paragraph_key}: the answer lost its sentence tags; "
                f"fell back to one text per sentence ({requests} more request(s), "
                f"{result.billed_characters - before} more billed characters)"
            )
            if refused is not None:
                break
        log.info(
            "%s: %d texts, %d billed characters",
            self.name,
            len(result.translations),
            result.billed_characters,
        )
        return result, refused

    @staticmethod
    def _detail(result: BatchResult, units: Sequence[Unit], answer: Answer) -> None:
        """Each unit's share of its text's billed characters, and the model used."""
        shares = split_in_proportion(answer.billed_characters, [len(u.text) for u in units])
        for unit, billed in zip(units, shares, strict=True):
            detail: dict[str, object] = {"billed_characters": billed}
            if answer.model:
                detail["model_type_used"] = answer.model
            result.details[unit.key] = detail

    @staticmethod
    def _store(result: BatchResult, unit: Unit, protector: Protector, answer: str) -> None:
        markdown, problems = protector.restore(answer)
        result.translations[unit.key] = markdown.strip()
        result.notes.extend(f"segment {unit.key}: {problem}" for problem in problems)


def _unique(units: Sequence[Unit]) -> list[Unit]:
    """``units`` without repeats of a key (the first kept), in their order."""
    seen: set[str] = set()
    out = []
    for unit in units:
        if unit.key not in seen:
            seen.add(unit.key)
            out.append(unit)
    return out


def split_in_proportion(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; sums to total)."""
    if not weights:
        return []
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1] * len(weights), len(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


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
