"""Unit tests: services called directly, with the default settings unless a test builds its own."""

from __future__ import annotations

import pytest


@pytest.fixture
def settings():
    from tracker.config import Settings

    return Settings()
