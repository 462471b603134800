"""Applying the rules' fixes: to a config, and to the text of a .json config file.

Fixes are applied one at a time, the rules re-run after each, until none is
left to apply: offsets and indexes are never stale, and the result is a fixed
point, so a second ``--fix`` changes nothing, however many problems there were
(the bound grows with the fixes first offered; a config met twice means two
fixes undo each other, and the loop stops). A file whose changes are only
string values keeps its layout (only those literals are rewritten); a change of
shape (a header moved, fields moved into the query) is written in curlport's own
layout.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from curlport.config.json_text import config_json, render_json
from curlport.importer import ImportResult
from curlport.json_positions import literal_end, parse_with_positions, pointer_token
from curlport.rules import Config, run_rules

#: Passes allowed beyond one per fix first offered: fixes may uncover others (a moved header, then its case).
EXTRA_PASSES = 100


@dataclass(frozen=True)
class AppliedFix:
    code: str
    pointer: str
    description: str


@dataclass(frozen=True)
class FixedConfig:
    config: Config
    applied: tuple[AppliedFix, ...]


def fix_config(config: Config, selected: frozenset[str] | None = None, *, unsafe: bool = False) -> FixedConfig:
    """The config with every allowed fix of the selected rules applied; the input is not changed."""
    current = copy.deepcopy(config)
    applied: list[AppliedFix] = []
    stuck: set[AppliedFix] = set()
    seen = {_state(current)}  # the configs met so far: meeting one again means two fixes undo each other
    budget: int | None = None
    while budget is None or len(applied) < budget:
        pending = [(AppliedFix(rule.code, problem.pointer, problem.fix.description), problem.fix)
                   for rule, problem in run_rules(current, selected)
                   if problem.fix is not None and (problem.fix.safe or unsafe)]
        pending = [(offer, fix) for offer, fix in pending if offer not in stuck]
        if not pending:
            break
        budget = len(pending) * 2 + EXTRA_PASSES if budget is None else budget
        offer, fix = pending[0]
        before = copy.deepcopy(current)
        try:
            fix.apply(current)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            current = before  # a config too malformed for the fix (a schema violation): leave it as it was
        if current == before:  # a fix that changes nothing is not offered again
            stuck.add(offer)
            continue
        applied.append(offer)
        state = _state(current)
        if state in seen:
            break
        seen.add(state)
    return FixedConfig(current, tuple(applied))


def _state(config: Config) -> str:
    return json.dumps(config, sort_keys=True, default=str)


@dataclass(frozen=True)
class FixedText:
    text: str
    applied: tuple[AppliedFix, ...]


def fix_json_text(text: str, selected: frozenset[str] | None = None, *, unsafe: bool = False) -> FixedText:
    """The text of a .json config with the fixes applied; the same text when nothing applies or it does not parse."""
    try:
        config, positions = parse_with_positions(text)
    except json.JSONDecodeError:
        return FixedText(text, ())
    if not isinstance(config, dict):
        return FixedText(text, ())
    fixed = fix_config(config, selected, unsafe=unsafe)
    if not fixed.applied:
        return FixedText(text, ())
    changed = _changed_strings(config, fixed.config, "")
    if changed is None:
        return FixedText(render_json(fixed.config), fixed.applied)
    for pointer, new in sorted(changed, key=lambda item: positions[item[0]], reverse=True):
        start = positions[pointer]
        text = text[:start] + json.dumps(new, ensure_ascii=False) + text[literal_end(text, start):]
    return FixedText(text, fixed.applied)


def _changed_strings(old: Any, new: Any, pointer: str) -> list[tuple[str, str]] | None:
    """The string values that differ, by pointer; None when anything else differs (keys, lengths, types)."""
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new):
            return None
        return _merge(_changed_strings(old[key], new[key], f"{pointer}/{pointer_token(key)}") for key in old)
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return None
        pairs = enumerate(zip(old, new, strict=True))
        return _merge(_changed_strings(a, b, f"{pointer}/{index}") for index, (a, b) in pairs)
    if isinstance(old, str) and isinstance(new, str):
        return [] if old == new else [(pointer, new)]
    return [] if type(old) is type(new) and old == new else None


def _merge(parts: Iterable[list[tuple[str, str]] | None]) -> list[tuple[str, str]] | None:
    merged: list[tuple[str, str]] = []
    for part in parts:
        if part is None:
            return None
        merged += part
    return merged


def fix_import(result: ImportResult, selected: frozenset[str] | None = None, *,
               unsafe: bool = False) -> tuple[ImportResult, tuple[AppliedFix, ...]]:
    """An import's result with the fixes applied to its config (and its JSON text re-rendered and re-checked)."""
    fixed = fix_config(result.config, selected, unsafe=unsafe)
    if not fixed.applied:
        return result, ()
    # The import's detection was of the config before the fixes: the rules work out the fixed one's themselves.
    return result._replace(config=fixed.config, config_json=config_json(fixed.config), detected=None), fixed.applied
