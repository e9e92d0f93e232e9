"""The dashboard's rollups (district/web/queries/rollup.py holds them): card_days, each school's
cards per day by rating, and open_followups, the requests with no answer yet. Filled from what
the database holds, then kept by triggers in the same transaction as each card, answer or
change of a card's school."""

from __future__ import annotations

from alembic import op

from district.web.queries import rollup

revision = "0003_dashboard_rollups"
down_revision = "0002_card_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rollup.create(op.get_bind())


def downgrade() -> None:
    rollup.drop(op.get_bind())
