"""The CONFIG of render, send and export: a .json config, or a provider's .curl command imported first.

Whatever the input, problems come back as findings located in it (a .json file's
line and column, or the curl text's), so that a refusal reads like a lint error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from curlport.config.model import Config
from curlport.credentials import json_text_spellings
from curlport.findings import Finding, Severity
from curlport.importer import import_curl
from curlport.inputs import decode_input
from curlport.json_positions import parse_with_positions
from curlport.lint.placed import PARSE_ERROR, curl_locator
from curlport.lint.runner import json_locator
from curlport.preflight.complete import Gap, gaps
from curlport.preflight.provider import Provider, ProviderShapeError, read_provider
from curlport.preflight.render import Refusal
from curlport.rules.base import Problem
from curlport.secrets import learn_config_secrets
from curlport.source import Source, Span


@dataclass(frozen=True)
class LoadedConfig:
    """A config, the text it was read from, and what stops it from being rendered."""

    config: Config | None
    source: Source
    #: What stops anything from being read (CP000).
    blocking: tuple[Finding, ...]
    locate: Callable[[Problem], Span | None]
    #: Where the request would not carry $$To or $$Body (see ``curlport.preflight.complete``).
    gaps: tuple[Gap, ...] = ()

    @property
    def incomplete(self) -> tuple[Finding, ...]:
        return located_gaps(self.gaps, self.locate)

    def provider(self) -> Provider | Finding:
        """The typed provider, or the CP501 finding that says which value is unusable."""
        try:
            return read_provider(self.config or {})
        except ProviderShapeError as error:
            return self.finding(error.code, error.message, error.pointer)

    def finding(self, code: str, message: str, pointer: str, start: int = 0, end: int | None = None) -> Finding:
        problem = Problem(pointer, message, start, end)
        return Finding(code, Severity.ERROR, message, self.locate(problem), pointer)

    def refusal_findings(self, refusals: tuple[Refusal, ...]) -> tuple[Finding, ...]:
        return tuple(self.finding(r.code, r.message, r.pointer, r.start, r.end) for r in refusals)


def is_curl(path: str, text: str) -> bool:
    """A .curl file, or (for stdin and other names) text that is not a JSON object."""
    suffix = Path(path).suffix.lower()
    return suffix == ".curl" or (suffix != ".json" and not text.lstrip().startswith("{"))


def load_config(data: bytes, path: str, *, name: str | None = None) -> LoadedConfig:
    """Read CONFIG; raises ``CurlportError`` when a curl command cannot be imported at all."""
    text = decode_input(data)
    source = Source(text, path)
    if is_curl(path, text):
        stem = Path(path).stem if path != "<stdin>" else None
        result = import_curl(text, name=name or stem, source_name=path)
        locate = curl_locator(result)
        return LoadedConfig(result.config, result.source, (), locate, gaps(result.config))
    try:
        config, offsets = parse_with_positions(text)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        finding = Finding(PARSE_ERROR, Severity.ERROR, f"not valid JSON: {error.msg}", span)
        source.add_secrets(json_text_spellings(text))
        return LoadedConfig(None, source, (finding,), lambda problem: None)
    locate = json_locator(source, offsets)
    if not isinstance(config, dict):
        return LoadedConfig(None, source, (), locate)
    learn_config_secrets(source, config, offsets)  # a finding about the config quotes its lines
    return LoadedConfig(config, source, (), locate, gaps(config))


def located_gaps(found: tuple[Gap, ...], locate: Callable[[Problem], Span | None]) -> tuple[Finding, ...]:
    """Where the request would not carry $$To or $$Body, as error findings located in the input: what render and
    send (CLI and web API) refuse unless --allow-incomplete."""
    return tuple(Finding(gap.code, Severity.ERROR, gap.problem.message, locate(gap.problem), gap.problem.pointer)
                 for gap in found)
