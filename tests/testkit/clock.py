"""The fixed "now" every test runs at."""

from __future__ import annotations

from datetime import datetime

#: Saturday of ISO week 2026-W47; the sample journal's last week.
FIXED_NOW = "2026-11-21T18:30:00+00:00"
NOW = datetime.fromisoformat(FIXED_NOW)
TODAY = NOW.date()
FIXED_TODAY = TODAY
