"""What the pages call the things a card holds: the faces, the kiosks' default chips and roles
(kiosk/core/config.py, the same words as the kiosk's; a school's own chip shows by its id), the
visitors' languages and the kiosks' states. Translated where shown."""

from __future__ import annotations

from district.web.fleet import State
from district.web.i18n import N_, gettext

FACES = {
    1: N_("Very bad"),
    2: N_("Bad"),
    3: N_("Okay"),
    4: N_("Good"),
    5: N_("Excellent"),
}

CHOICES = {
    "friendly": N_("Friendly staff"),
    "quick": N_("Quick service"),
    "clear_info": N_("Clear information"),
    "clean": N_("Clean and welcoming"),
    "safe": N_("Felt safe"),
    "language_help": N_("Help in my language"),
    "wait_time": N_("Waiting time"),
    "unclear_info": N_("Unclear information"),
    "staff_attitude": N_("Staff attitude"),
    "signage": N_("Signs and directions"),
    "language_access": N_("Language help"),
    "parking": N_("Parking and access"),
}

ROLES = {
    "parent": N_("Parent or guardian"),
    "student": N_("Student"),
    "staff": N_("Staff member"),
    "community": N_("Community member"),
    "other": N_("Other"),
    None: N_("Not given"),
}

LANGUAGES = {
    "en": N_("English"),
    "es": N_("Spanish"),
    "vi": N_("Vietnamese"),
    "zh": N_("Chinese"),
    "ar": N_("Arabic"),
    "ht": N_("Haitian Creole"),
    "pt": N_("Portuguese"),
}
"""The kiosk's languages and those a district most often adds; another shows by its code."""

STATES = {
    State.ONLINE: N_("Online"),
    State.WAITING: N_("Waiting"),
    State.OFFLINE: N_("Offline"),
    State.NEVER: N_("Never seen"),
}

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def face(rating: int) -> str:
    return gettext(FACES[rating])


def choice(choice_id: str) -> str:
    return gettext(CHOICES[choice_id]) if choice_id in CHOICES else choice_id


def role(role_id: str | None) -> str:
    return gettext(ROLES[role_id]) if role_id in ROLES else str(role_id)


def language(code: str) -> str:
    return gettext(LANGUAGES[code]) if code in LANGUAGES else code


def state(value: State) -> str:
    return gettext(STATES[value])
