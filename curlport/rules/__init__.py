"""The rule catalogue: every rule, by code. Adding a rule is one declaration and one line here."""

from __future__ import annotations

from curlport.rules import bodies, leftovers, placeholders, transport
from curlport.rules.base import Config, Problem, Rule

ALL_RULES: tuple[Rule, ...] = placeholders.RULES + transport.RULES + bodies.RULES + leftovers.RULES
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}


def run_rules(config: Config, codes: frozenset[str] | None = None) -> list[tuple[Rule, Problem]]:
    """Every problem every (selected) rule finds in a config."""
    return [(rule, problem) for rule in ALL_RULES if codes is None or rule.code in codes
            for problem in rule.check(config)]


__all__ = ["ALL_RULES", "RULES_BY_CODE", "Config", "Problem", "Rule", "run_rules"]
