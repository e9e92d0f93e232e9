"""A visitor's phone number as the office reads it and dials it (phonenumbers, Qt-free).

The visitor types the number as they like ("5554214000", "555 421 4000", "+52 55 1234 5678");
the card keeps it as typed. The manager sees it grouped the way the number's country writes
it, and, for a number from another country, the digits to dial from the school's phone.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat


@dataclass(frozen=True)
class PhoneText:
    shown: str  # for reading: "(555) 421-4000", "+52 55 1234 5678"
    dial: str  # the digits to dial from the school: "(555) 421-4000", "011 52 55 1234 5678"

    @property
    def abroad(self) -> bool:
        return self.dial != self.shown


def phone_text(raw: str, region: str) -> PhoneText:
    """``raw`` formatted for reading and dialling from ``region`` (the school's country, the
    ``region`` setting: a number without a country code is read as its); a number that cannot
    be read stays as typed."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return PhoneText(raw, raw)
    if not phonenumbers.is_possible_number(number):
        return PhoneText(raw, raw)
    # The school's calling code (+1 covers the US and Canada alike): dialled as at home.
    home = number.country_code == phonenumbers.country_code_for_region(region)
    style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    shown = phonenumbers.format_number(number, style)
    dial = shown if home else phonenumbers.format_out_of_country_calling_number(number, region)
    return PhoneText(shown, dial)
