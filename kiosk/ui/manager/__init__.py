"""The office manager's area: today at a glance, the day's cards, follow-ups, reports, settings."""

from kiosk.ui.manager.area import ManagerArea

__all__ = ["ManagerArea"]
