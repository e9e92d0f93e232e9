"""The district server: receives every kiosk's cards over sync's v1 protocol (FastAPI,
SQLAlchemy Core; SQLite by default, PostgreSQL in production). Imports no ``kiosk`` and no Qt."""
