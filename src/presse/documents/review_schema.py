"""The schema of a review file (``releases/fr/<slug>.review.yaml``), checked on every read.

A review file takes changes from many hands (translators' branches, merges, agencies'
tools), so every key, type and value is checked before presse uses it, and every
problem is reported at once as ``file:line: message``: a value of the wrong type is an
error that names its line, never a traceback.

```
release: <slug>
approval: {by, at, source_hash, catalog_hash, [catalog_file, french_file, checked_with]}
events: [{event, at, [by, ...details: text, numbers, true/false]}]
        (a 'withdrawn' event, written by presse withdraw, also needs its 'reason')
segments: {<id>: {state, [text, by, at, origin, fr_hash, previous, dismissed,
                   suggestions, obsolete, merged_into]}}
```

``merged_into`` (N:M segments) names the segment whose French covers this one's German:
another segment of the file, which ``review_state.check_merges`` holds to come right
before it in the catalog (or before the segments merged into it in between).

Every ``at`` is an ISO 8601 date-time with its offset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from presse.errors import PresseError, raise_every
from presse.store.yaml_lines import Located

TOP_KEYS = ("release", "approval", "events", "segments")
APPROVAL_TEXT = ("by", "at", "source_hash", "catalog_hash")
APPROVAL_PINS = ("catalog_file", "french_file", "checked_with")
SCALARS = (str, int, float, bool)

Problems = list[tuple[str, str]]  # (dotted key whose line is meant, message)


def check_review(data: Any, located: Located, path: Path | str, states: tuple[str, ...]) -> None:
    """Raise every problem of a review file's data at once (one error, or ConfigErrors)."""
    problems: Problems = []
    if not isinstance(data, Mapping):
        problems.append(("", "expected a mapping with 'approval', 'events' and 'segments'"))
    else:
        problems += _unknown(data, TOP_KEYS, "")
        if data.get("release") is not None and not isinstance(data["release"], str):
            problems.append(("release", "'release' must be text (the slug)"))
        problems += approval_problems(data.get("approval"))
        problems += event_problems(data.get("events"))
        problems += segment_problems(data.get("segments"), states)
    errors = [PresseError(message, path, located.line_of(key, 1) or 1) for key, message in problems]
    raise_every(errors, path)


def approval_problems(approval: Any) -> Problems:
    if approval is None:
        return []
    needs = "'approval' needs by, at, source_hash and catalog_hash"
    if not isinstance(approval, Mapping) or any(k not in approval for k in APPROVAL_TEXT):
        return [("approval", needs)]
    problems: Problems = [
        (f"approval.{key}", f"unknown key '{key}' in 'approval'")
        for key in approval
        if key not in APPROVAL_TEXT + APPROVAL_PINS
    ]
    for key in APPROVAL_TEXT + APPROVAL_PINS:
        if key in approval and not isinstance(approval[key], str):
            problems.append((f"approval.{key}", f"'approval.{key}' must be text"))
    if isinstance(approval.get("at"), str):
        problems += _time_problem(approval["at"], "approval.at")
    return problems


def event_problems(events: Any) -> Problems:
    if events is None:
        return []
    if not isinstance(events, list):
        return [("events", "'events' must be a list")]
    problems: Problems = []
    for index, event in enumerate(events):
        where = f"events.{index}"
        if not isinstance(event, Mapping):
            problems.append((where, f"event {index + 1}: expected a mapping with 'event' and 'at'"))
            continue
        if not isinstance(event.get("event"), str):
            problems.append((where, f"event {index + 1}: 'event' must be text"))
        problems += _time_problem(event.get("at"), f"{where}.at", required=True)
        for key, value in event.items():
            if value is not None and not isinstance(value, SCALARS):
                problems.append((f"{where}.{key}", f"event {index + 1}: '{key}' must be a value"))
        reason = event.get("reason")
        if event.get("event") == "withdrawn" and not (isinstance(reason, str) and reason.strip()):
            problems.append((where, f"event {index + 1}: a withdrawal needs its 'reason' (text)"))
    return problems


def segment_problems(segments: Any, states: tuple[str, ...]) -> Problems:
    if segments is None:
        return []
    if not isinstance(segments, Mapping):
        return [("segments", "'segments' must be a mapping")]
    problems: Problems = []
    for key, block in segments.items():
        problems += _segment(str(key), block, states)
        problems += _merge_target(str(key), block, {str(k) for k in segments})
    return problems


def _merge_target(key: str, block: Any, known: set[str]) -> Problems:
    """``merged_into`` names another segment of this file."""
    target = block.get("merged_into") if isinstance(block, Mapping) else None
    if not isinstance(target, str):
        return []
    where = f"segments.{key}.merged_into"
    if target == key:
        return [(where, f"segment {key}: 'merged_into' names the segment itself")]
    if target not in known:
        return [(where, f"segment {key}: 'merged_into' names {target}, no segment of this file")]
    return []


def _segment(key: str, block: Any, states: tuple[str, ...]) -> Problems:
    where = f"segments.{key}"
    if not isinstance(block, Mapping):
        return [(where, f"segment {key}: expected a mapping")]
    if block.get("state") not in states:
        message = f"state {block.get('state')!r} is not one of {', '.join(states)}"
        return [(where, f"segment {key}: {message}")]
    problems: Problems = []
    for name, value in block.items():
        check = SEGMENT_FIELDS.get(str(name))
        if check is None:
            problems.append((where, f"segment {key}: unknown key {name!r}"))
        elif value is not None and not check[0](value):
            problems.append((f"{where}.{name}", f"segment {key}: '{name}' must be {check[1]}"))
    if isinstance(block.get("at"), str):
        problems += [(w, f"segment {key}: {m}") for w, m in _time_problem(block["at"], where)]
    return problems


def _list_of_mappings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, Mapping) for item in value)


def _mapping_of_text(value: Any) -> bool:
    return isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values())


SEGMENT_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "state": (lambda v: isinstance(v, str), "text"),
    "text": (lambda v: isinstance(v, str), "text"),
    "by": (lambda v: isinstance(v, str), "text"),
    "at": (lambda v: isinstance(v, str), "a date-time"),
    "fr_hash": (lambda v: isinstance(v, str), "text"),
    "origin": (lambda v: isinstance(v, Mapping), "a mapping"),
    "previous": (_mapping_of_text, "a mapping of texts"),
    "dismissed": (_list_of_mappings, "a list of mappings"),
    "suggestions": (_list_of_mappings, "a list of mappings"),
    "obsolete": (lambda v: isinstance(v, bool), "true or false"),
    "merged_into": (lambda v: isinstance(v, str), "a segment id"),
}


def _time_problem(value: Any, where: str, required: bool = False) -> Problems:
    """An ISO 8601 date-time with its offset ('2016-09-12T15:30:00+02:00')."""
    if value is None and not required:
        return []
    name = where.rsplit(".", 1)[-1]
    if not isinstance(value, str):
        return [(where, f"'{name}' must be a date-time like '2016-09-12T15:30:00+02:00'")]
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return [(where, f"'{name}': {value!r} is not a date-time like '2016-09-12T15:30:00+02:00'")]
    if moment.tzinfo is None:
        return [(where, f"'{name}': {value!r} needs its offset (e.g. +02:00)")]
    return []


def _unknown(data: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> Problems:
    return [
        (f"{prefix}{key}", f"unknown key '{prefix}{key}'; expected one of: {', '.join(known)}")
        for key in data
        if key not in known
    ]
