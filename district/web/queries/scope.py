"""What a person may see, decided once per request and passed to every query: the schools by
id, whether kiosks without a school are theirs (district staff only), and whether visitors'
contact details are."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from district import accounts
from district.accounts import Role, School, User


@dataclass(frozen=True)
class Scope:
    schools: tuple[School, ...]
    unassigned_kiosks: bool
    contacts: bool

    @property
    def school_ids(self) -> list[int]:
        return [s.id for s in self.schools]

    def school(self, slug: str) -> School | None:
        """The school of this slug if the person may see it, else None (the page says 404:
        another school's page is not even confirmed to exist)."""
        return next((s for s in self.schools if s.slug == slug), None)


def of(conn: Connection, user: User) -> Scope:
    return Scope(
        schools=tuple(accounts.visible_schools(conn, user)),
        unassigned_kiosks=user.role is Role.DISTRICT,
        contacts=user.sees_contacts,
    )
