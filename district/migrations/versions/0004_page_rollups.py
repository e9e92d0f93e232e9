"""The rollups of the overview over long periods, a school's page and the follow-ups page
(district/web/queries/page_rollups.py holds them): card_weeks, card_days by week;
card_day_facets, each school's cards per day by role, language, weekday and hour, and chip;
first_answers, each follow-up request's first answer. Their triggers first, then their
rows from what the database holds, a batch of cards at a time. Also the index of the latest
comments: a school's newest comments are read from it, never by scanning the period's cards."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

from district.web.queries import page_rollups

revision = "0004_page_rollups"
down_revision = "0003_dashboard_rollups"
branch_labels = None
depends_on = None

_COMMENTS_INDEX = "ix_cards_comments"


def _progress(line: str) -> None:
    logging.getLogger(__name__).info(line)


def upgrade() -> None:
    op.create_index(
        _COMMENTS_INDEX,
        "cards",
        ["school_id", "local_date", "created_at_utc"],
        postgresql_where=sa.text("comment IS NOT NULL"),
        sqlite_where=sa.text("comment IS NOT NULL"),
    )
    page_rollups.create(op.get_bind(), _progress)


def downgrade() -> None:
    page_rollups.drop(op.get_bind())
    op.drop_index(_COMMENTS_INDEX, "cards")
