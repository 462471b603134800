"""The rule catalogue: every rule, by code. Adding a rule is one module with a ``RULE`` and one line here."""

from __future__ import annotations

from collections.abc import Iterator

from curlport.rules import (
    cp101_missing_recipient,
    cp102_missing_message,
    cp103_miscased_placeholder,
    cp104_placeholder_near_miss,
    cp105_placeholder_misplaced,
    cp106_placeholder_repeated,
    cp107_dlt_template_id,
    cp201_get_parameter_in_header,
    cp202_get_with_body,
    cp203_plain_http_credentials,
    cp204_credentials_outside_auth,
    cp205_unsupported_method,
    cp206_unsupported_feature,
    cp207_oauth2_authorization_header,
    cp208_callback_url_field,
    cp209_not_in_legacy_form,
    cp210_expiring_bearer_token,
    cp211_header_line_break,
    cp212_expired_token,
    cp301_content_type_mismatch,
    cp302_json_body_breaks,
    cp303_message_in_header,
    cp304_double_encoding,
    cp305_json_body_invalid,
    cp306_raw_json_escaping,
    cp307_batch_key,
    cp308_batching_needs_json,
    cp401_unfilled_template_value,
    cp402_sample_value_left,
    cp403_test_mode,
    cp404_stand_in_host,
    cp405_host_not_public,
    cp701_placeholder_in_fragment,
    cp703_markup_body,
    cp704_message_in_nested_json,
    cp705_json_key_repeated,
    cp706_transport_header,
    cp801_conflicting_header,
    cp802_parameter_also_fixed,
    cp803_raw_form_body,
    cp804_placeholder_only_encoded,
)
from curlport.rules.base import Config, Fix, Problem, Rule, shape_of, walked

ALL_RULES: tuple[Rule, ...] = (
    cp101_missing_recipient.RULE,
    cp102_missing_message.RULE,
    cp103_miscased_placeholder.RULE,
    cp104_placeholder_near_miss.RULE,
    cp105_placeholder_misplaced.RULE,
    cp106_placeholder_repeated.RULE,
    cp107_dlt_template_id.RULE,
    cp201_get_parameter_in_header.RULE,
    cp202_get_with_body.RULE,
    cp203_plain_http_credentials.RULE,
    cp204_credentials_outside_auth.RULE,
    cp205_unsupported_method.RULE,
    cp206_unsupported_feature.RULE,
    cp207_oauth2_authorization_header.RULE,
    cp208_callback_url_field.RULE,
    cp209_not_in_legacy_form.RULE,
    cp210_expiring_bearer_token.RULE,
    cp211_header_line_break.RULE,
    cp212_expired_token.RULE,
    cp301_content_type_mismatch.RULE,
    cp302_json_body_breaks.RULE,
    cp303_message_in_header.RULE,
    cp304_double_encoding.RULE,
    cp305_json_body_invalid.RULE,
    cp306_raw_json_escaping.RULE,
    cp307_batch_key.RULE,
    cp308_batching_needs_json.RULE,
    cp401_unfilled_template_value.RULE,
    cp402_sample_value_left.RULE,
    cp403_test_mode.RULE,
    cp404_stand_in_host.RULE,
    cp405_host_not_public.RULE,
    cp701_placeholder_in_fragment.RULE,
    cp703_markup_body.RULE,
    cp704_message_in_nested_json.RULE,
    cp705_json_key_repeated.RULE,
    cp706_transport_header.RULE,
    cp801_conflicting_header.RULE,
    cp802_parameter_also_fixed.RULE,
    cp803_raw_form_body.RULE,
    cp804_placeholder_only_encoded.RULE,
)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}


def run_rules(config: Config, codes: frozenset[str] | None = None) -> list[tuple[Rule, Problem]]:
    """Every problem every (selected) rule finds in a config; the rules share one walk of its values."""
    return list(each_problem(config, codes))


def each_problem(config: Config, codes: frozenset[str] | None = None) -> Iterator[tuple[Rule, Problem]]:
    """``run_rules`` one problem at a time: a caller that turns each problem into a finding as it comes never holds
    them all (the 140,000 problems of a large import, each with its fix, for the garbage collector to scan)."""
    shared = walked(config)
    has = shape_of(shared)  # what the config has, decided once: a rule that needs more is not run
    return ((rule, problem) for rule in ALL_RULES if (codes is None or rule.code in codes) and rule.needs <= has
            for problem in rule.check(shared))


__all__ = ["ALL_RULES", "RULES_BY_CODE", "Config", "Fix", "Problem", "Rule", "each_problem", "run_rules"]
