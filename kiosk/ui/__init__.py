"""The kiosk's Qt screens. They emit signals and know nothing of SQLite or HTTP."""
