"""Visitor text is cleaned once, on its way in; contact requests are validated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.card import ContactError, clean_text, validate_contact


def test_control_characters_are_removed_but_newlines_and_emoji_stay() -> None:
    text = "Great\x00 staff\x07!\r\nThank you 👍🏽 👨‍👩‍👧\x1b[31m"
    assert clean_text(text, 500) == "Great staff!\nThank you 👍🏽 👨‍👩‍👧[31m"


def test_a_long_paste_is_trimmed_to_the_limit() -> None:
    assert clean_text("a" * 10_000, 500) == "a" * 500


def test_right_to_left_text_keeps_its_direction_marks() -> None:
    text = "\u200fשלום, תודה רבה"
    assert clean_text(text, 500) == text


def test_sql_looking_text_is_just_text() -> None:
    text = "Robert'); DROP TABLE cards;--"
    assert clean_text(text, 500) == text


def test_blank_text_is_no_comment() -> None:
    assert clean_text(" \t\n\x00 ", 500) is None
    assert clean_text(None, 500) is None


def test_text_is_normalised_so_accents_compare_equal() -> None:
    assert clean_text("Jose\u0301", 50) == "José"


@given(st.text(max_size=3000), st.integers(min_value=1, max_value=2000))
def test_cleaned_text_never_exceeds_its_limit_or_holds_controls(text: str, limit: int) -> None:
    cleaned = clean_text(text, limit)
    if cleaned is not None:
        assert 0 < len(cleaned) <= limit
        assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)


@pytest.mark.parametrize(
    ("name", "phone", "email", "consent", "field", "reason"),
    [
        ("", "555 123 4567", "", True, "name", "missing"),
        ("Ana", "", "", True, "phone", "missing"),
        ("Ana", "12ab", "", True, "phone", "invalid"),
        ("Ana", "123", "", True, "phone", "invalid"),
        ("Ana", "", "ana@", True, "email", "invalid"),
        ("Ana", "", "ana@example.org", False, "consent", "consent"),
    ],
)
def test_follow_up_requests_name_the_field_to_fix(
    name: str, phone: str, email: str, consent: bool, field: str, reason: str
) -> None:
    with pytest.raises(ContactError) as caught:
        validate_contact(name, phone, email, consent)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_a_valid_follow_up_request_is_cleaned() -> None:
    contact = validate_contact("  Ana  María ", "+1 (555) 123-4567", "", True)
    assert contact.name == "Ana María"
    assert contact.phone == "+1 (555) 123-4567"
    assert contact.email is None
