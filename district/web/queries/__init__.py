"""The pages' queries, each scoped to the schools the person may see (Scope), in SQLAlchemy
Core: one code path for SQLite and PostgreSQL."""
