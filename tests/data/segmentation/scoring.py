"""The gold set of German press sentences and how a sentence splitter is scored on it.

Shared by ``tests/test_segment.py`` and ``bench/segmentation.py``, so the test and the
benchmark compute the same figures.

Format of ``gold.txt``: paragraphs separated by blank lines, one sentence per line;
the paragraph is its sentences joined with single spaces.

Scoring: a boundary is the offset, in the paragraph, where a sentence other than the
first begins (after the white space that separates it from the one before). Precision,
recall and F1 are computed over all boundaries of all paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

GOLD_PATH = Path(__file__).with_name("gold.txt")


@dataclass(frozen=True)
class GoldParagraph:
    text: str
    sentences: tuple[str, ...]

    @property
    def boundaries(self) -> frozenset[int]:
        offsets = set()
        position = 0
        for sentence in self.sentences[:-1]:
            position += len(sentence) + 1
            offsets.add(position)
        return frozenset(offsets)


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path = GOLD_PATH) -> list[GoldParagraph]:
    paragraphs = []
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        sentences = tuple(line.strip() for line in chunk.splitlines() if line.strip())
        if sentences:
            paragraphs.append(GoldParagraph(" ".join(sentences), sentences))
    return paragraphs


def boundaries_from_starts(text: str, starts: Iterable[int]) -> frozenset[int]:
    """Boundary offsets from the start offsets a splitter gives, white space skipped."""
    result = set()
    for start in starts:
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text) and text[:start].strip():
            result.add(start)
    return frozenset(result)


def boundaries_from_strings(text: str, sentences: Iterable[str]) -> frozenset[int]:
    """Boundary offsets for a splitter that returns strings: each is found in the text."""
    starts = []
    position = 0
    for sentence in sentences:
        piece = sentence.strip()
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:  # the splitter changed the text; match on its first word
            first = piece.split()[0]
            found = text.find(first, position)
            if found < 0:
                continue
        starts.append(found)
        position = found + 1
    return boundaries_from_starts(text, starts)


def score(paragraphs: Iterable[GoldParagraph], splitter: Callable[[str], frozenset[int]]) -> Score:
    """Precision, recall and F1 of ``splitter`` (a text -> boundary offsets function)."""
    tp = predicted = gold = 0
    for paragraph in paragraphs:
        found = splitter(paragraph.text)
        expected = paragraph.boundaries
        tp += len(found & expected)
        predicted += len(found)
        gold += len(expected)
    return Score(tp, predicted, gold)


def errors(
    paragraphs: Iterable[GoldParagraph], splitter: Callable[[str], frozenset[int]]
) -> list[str]:
    """A readable line for each wrong or missing boundary, for test failure messages."""
    lines = []
    for paragraph in paragraphs:
        found = splitter(paragraph.text)
        expected = paragraph.boundaries
        for offset in sorted(found - expected):
            lines.append(f"spurious: {paragraph.text[max(0, offset - 40) : offset + 30]!r}")
        for offset in sorted(expected - found):
            lines.append(f"missed:   {paragraph.text[max(0, offset - 40) : offset + 30]!r}")
    return lines
