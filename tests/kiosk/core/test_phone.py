"""Phone numbers as the office reads and dials them."""

from __future__ import annotations

import pytest

from kiosk.core.phone import PhoneText, phone_text


@pytest.mark.parametrize(
    ("typed", "shown", "dial"),
    [
        ("5554214000", "(555) 421-4000", "(555) 421-4000"),
        ("555.421.4000", "(555) 421-4000", "(555) 421-4000"),
        ("+1 202 555 0143", "(202) 555-0143", "(202) 555-0143"),
        ("555-4214", "555-4214", "555-4214"),  # a local number without its area code
        ("+52 55 1234 5678", "+52 55 1234 5678", "011 52 55 1234 5678"),  # Mexico City
        ("+44 20 7946 0958", "+44 20 7946 0958", "011 44 20 7946 0958"),
    ],
)
def test_a_number_is_grouped_for_reading_and_dialling(typed: str, shown: str, dial: str) -> None:
    number = phone_text(typed, "US")
    assert (number.shown, number.dial) == (shown, dial)
    assert number.abroad == (shown != dial)


@pytest.mark.parametrize("typed", ["12", "call me", "+999 123"])
def test_a_number_that_cannot_be_read_stays_as_typed(typed: str) -> None:
    assert phone_text(typed, "US") == PhoneText(typed, typed)


def test_the_school_region_decides_what_is_abroad() -> None:
    assert phone_text("55 1234 5678", region="MX") == PhoneText("55 1234 5678", "55 1234 5678")
    assert phone_text("+1 202 555 0143", region="MX").dial == "00 1 202-555-0143"
