"""`curlport rules` and `curlport schema`: what curlport checks, and the shape every config follows."""

from __future__ import annotations

import click

from curlport.catalogue import CODES, RETIRED
from curlport.cli.common import ToolError
from curlport.config.schema import schema_text


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every provider config follows."""
    click.echo(schema_text(), nl=False)


@click.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> None:
    """List every finding code, or explain one (curlport rules CP103)."""
    if code is None:
        for doc in CODES.values():
            fix = f"[{doc.autofix} fix] " if doc.autofix else ""
            click.echo(f"{doc.code}  {doc.severity.value:<8} {doc.name:<28} {fix}{doc.summary}")
        return
    if code.upper() in RETIRED:
        raise ToolError(f"error: {code.upper()} is no longer reported: {RETIRED[code.upper()]}")
    if code.upper() not in CODES:
        raise ToolError(f"error: no rule {code}; see 'curlport rules'")
    doc = CODES[code.upper()]
    sections = [f"{doc.code} {doc.name} ({doc.severity.value})", "", doc.summary]
    automatic = f"{doc.autofix} (curlport lint --fix{' --unsafe-fixes' * (doc.autofix != 'safe')}). " \
        f"{doc.fix_safety}" if doc.autofix else ""
    for title, body in (("Why it matters", doc.why), ("How to fix", doc.fix), ("Example", doc.bad),
                        ("Use instead", doc.good), ("Automatic fix", automatic)):
        if body:
            sections += ["", f"{title}:", f"  {body}"]
    click.echo("\n".join(sections))
