"""Headless Chromium for the browser tests: Debian's package, installed through .ci/system-packages
when it is missing; without it those tests skip and say so."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest

from testkit.paths import REPO


def _installed() -> str | None:
    return shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)


@functools.cache
def find_chromium() -> str | None:
    """Chromium's path, or None; `bash .ci/system-packages` is tried once per process when missing."""
    found = _installed()
    if not found:
        subprocess.run(["bash", str(REPO / ".ci" / "system-packages")], capture_output=True, timeout=600,
                       check=False)
        found = _installed()
    return found


def chromium_or_skip() -> str:
    """Chromium's path, or skip the test that asked."""
    found = find_chromium()
    if not found:
        pytest.skip("no Chromium: `bash .ci/system-packages` (apt-get install chromium) could not install it here")
    return found
