"""DeepL's character quota: ``presse translate`` reads what is left before sending, sends
only whole sentences that fit, and when the quota runs out halfway all the same (HTTP
456) keeps every sentence already translated; the next run sends only the rest. The
real ``deepl`` client against the fake DeepL server of tests/engines."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import deepl
import pytest
from click.testing import Result

sys.path.insert(0, str(Path(__file__).parent / "engines"))

from fake_deepl import FakeDeepL
from test_translate import entries, records

KEY = "presse-quota-test-key-0077:fx"
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDeepL]:
    fake = FakeDeepL(KEY).start()
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    monkeypatch.setenv("DEEPL_SERVER_URL", fake.url)
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)
    yield fake
    fake.stop()


@pytest.fixture
def release(
    office_repo: Path, example_export: Path, run_presse: Callable[..., Result]
) -> tuple[Path, str]:
    """The office's real release of 8 September 2016, imported, nothing translated."""
    result = run_presse("--repo", str(office_repo), "import", str(example_export))
    assert result.exit_code == 0, result.output
    (path,) = (office_repo / "releases" / "de").glob("*.md")
    return office_repo, path.stem


def translate(run_presse: Callable[..., Result], root: Path, *args: str) -> Result:
    return run_presse("--repo", str(root), "translate", "--engine", "deepl", *args)


def german_segments(root: Path, slug: str, run_presse: Callable[..., Result]) -> list[str]:
    dry = translate(run_presse, root, "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["sent"] > 10
    assert run_presse("--repo", str(root), "extract").exit_code == 0
    return list(entries(root, slug))


def answered_texts(server: FakeDeepL, start: int = 0) -> list[str]:
    """The texts of the translate requests DeepL answered, tags removed (paragraphs
    split into their sentences)."""
    texts: list[str] = []
    answered = {id(r) for r in server.translate_requests()[start:] if r.answered}
    for request in server.translate_requests()[start:]:
        if id(request) not in answered:
            continue
        for text in request.json["text"]:
            parts = re.findall(r'<s n="\d+">(.*?)</s>', text) or [text]
            texts += [TAG.sub("", part) for part in parts]
    return texts


def drafted(root: Path, slug: str) -> set[str]:
    return {german for german, e in entries(root, slug).items() if e.msgstr}


def test_only_what_fits_in_the_quota_left_is_sent_and_the_rest_listed(
    release: tuple[Path, str], server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    root, slug = release
    german = german_segments(root, slug, run_presse)
    total = sum(len(g) for g in german)
    server.character_limit = total // 2
    result = translate(run_presse, root, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["quota_left"] == total // 2
    # Nothing refused: what was sent fit, and is saved as drafts
    assert all(r.answered for r in server.translate_requests())
    assert server.billed_total <= total // 2
    saved = drafted(root, slug)
    assert saved and saved == set(answered_texts(server))
    # Whole sentences in document order: the first ones, none cut
    assert saved == set(german[: len(saved)])
    held = summary["releases"][0]["held"]
    assert summary["held"] == len(held) == len(german) - len(saved) > 0
    assert summary["filled"] == len(saved) and summary["left"] == len(held)
    text = translate(run_presse, root, "--dry-run")
    assert "Would send" in text.stdout

    # the same run as a person reads it, on a fresh quota that is as short
    server.character_limit = server.billed_total  # nothing left
    listed = translate(run_presse, root)
    assert listed.exit_code == 0, listed.output
    assert f"Not sent: {len(held)} segment(s) beyond the 0 characters left" in listed.stdout
    assert f"  {slug}: {', '.join(held)}" in listed.stdout
    assert "when it renews sends only those" in listed.stdout

    # the quota renews: the next run sends only the rest
    server.character_limit = 500000
    before = len(server.translate_requests())
    again = translate(run_presse, root, "--json")
    assert again.exit_code == 0, again.output
    rest = answered_texts(server, before)
    assert sorted(rest) == sorted(german[len(saved) :])
    assert json.loads(again.stdout)["left"] == 0


def test_a_quota_that_runs_out_halfway_saves_every_sentence_translated(
    release: tuple[Path, str], server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    """/usage says there is room (another program spent it meanwhile): the release goes
    as one request, DeepL refuses it with 456, and what still fits is saved."""
    root, slug = release
    german = german_segments(root, slug, run_presse)
    total = sum(len(g) for g in german)
    server.character_limit = total // 2
    server.faults.usage_limit = 10 * total  # /usage reports room for everything
    result = translate(run_presse, root)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    saved = drafted(root, slug)
    assert "456" in line
    assert f"{len(saved)} segment(s) saved" in line and len(saved) >= len(german) // 3
    assert f"{len(german) - len(saved)} still to translate" in line
    first = server.translate_requests()[0]
    assert not first.answered and len(answered_texts(server)) == len(saved)
    assert saved == set(answered_texts(server))
    rec = records(root, slug)
    for text in saved:
        origin = rec[text].origin
        assert rec[text].state == "machine" and origin["billed_characters"] > 0
        assert origin["model_type_used"] == "quality_optimized"
    billed = sum(rec[t].origin["billed_characters"] for t in saved)
    assert billed == server.billed_total

    server.character_limit = 500000
    server.faults.usage_limit = None
    before = len(server.translate_requests())
    again = translate(run_presse, root, "--json")
    assert again.exit_code == 0, again.output
    rest = answered_texts(server, before)
    assert sorted(rest) == sorted(set(german) - saved)
    assert json.loads(again.stdout)["left"] == 0
