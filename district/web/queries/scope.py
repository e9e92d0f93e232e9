"""What a person may see, decided once per request and passed to every query: the schools by
id, whether kiosks without a school are theirs (district staff only), and whether visitors'
contact details are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection

from district import accounts
from district.accounts import Role, School, User


@dataclass(frozen=True)
class Scope:
    schools: tuple[School, ...]
    unassigned_kiosks: bool
    contacts: bool
    every_school: bool = False  # all the district's schools: nothing to filter them by

    @property
    def school_ids(self) -> list[int]:
        return [s.id for s in self.schools]

    @property
    def school_filter(self) -> list[int] | None:
        """The schools to filter by; None for every school (a list of all 200 would only cost
        its binding and planning in every query)."""
        return None if self.every_school else self.school_ids

    def school(self, slug: str) -> School | None:
        """The school of this slug if the person may see it, else None (the page says 404:
        another school's page is not even confirmed to exist)."""
        return next((s for s in self.schools if s.slug == slug), None)


def of(conn: Connection, user: User) -> Scope:
    return Scope(
        schools=tuple(accounts.visible_schools(conn, user)),
        unassigned_kiosks=user.role is Role.DISTRICT,
        contacts=user.sees_contacts,
        # As accounts.visible_schools decides: no school of one's own and not school staff.
        every_school=user.school_id is None and user.role is not Role.SCHOOL,
    )


def at(school_id: ColumnElement[Any], schools: list[int] | None) -> ColumnElement[bool]:
    """A school_id column's condition: one of ``schools`` (None: any school, not none)."""
    return school_id.is_not(None) if schools is None else school_id.in_(schools)
