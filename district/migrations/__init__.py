"""The Alembic migrations of the receiver's database (district.schema runs them)."""
