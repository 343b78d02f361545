"""The dashboard in a real browser: headless Chromium loads it from file://, every chart draws its
SVG and no JavaScript error is logged. (`tracker charts --png` drawing real images through kaleido
is in tests/cli/test_charts_images.py.)

Chromium comes from Debian (.ci/system-packages installs it); without it these tests skip and say so.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from testkit.charts import fill
from testkit.chromium import chromium_or_skip

from tracker.config import Settings

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("chromium")

TODAY = date(2026, 11, 21)  # conftest's TRACKER_NOW
#: Headless, offline and quiet: no first-run UI, no background fetches, no profile shared with
#: anyone; every host name resolves to nothing, so the page could not fetch anything if it tried.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


def load_in_chromium(chromium: str, page: Path) -> tuple[str, str]:
    """The page's DOM after it ran (virtual time lets every script and timer finish) and the log."""
    with tempfile.TemporaryDirectory(prefix="tracker-chromium-") as profile:
        done = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom",
             page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def svg_roots_per_section(dom: str) -> dict[str, int]:
    """Each dashboard section (by id) and how many plotly SVG roots (.main-svg) it holds."""
    counts = {}
    for chunk in dom.split('<section id="')[1:]:
        name = chunk.split('"', 1)[0]
        counts[name] = len(re.findall(r'<svg[^>]*class="main-svg"', chunk))
    return counts


def console_errors(log: str) -> list[str]:
    lines = [line for line in log.splitlines() if ":CONSOLE" in line]
    return [line for line in lines if re.search(r"error|uncaught|failed|net::", line, re.I)]


def test_every_chart_renders_in_chromium_without_errors(chromium: str, journal, tmp_path: Path) -> None:
    from tracker.charts.dashboard import make_dashboard

    fill(journal)
    dashboard = make_dashboard(journal, Settings(), TODAY, tmp_path)
    names = [chart.name for chart in dashboard.drawn]
    assert names == ["calendar", "habit-strength", "weekly-topics", "burn-up", "resources", "when-and-how", "checkpoints", "reviews"]

    dom, log = load_in_chromium(chromium, dashboard.path)
    roots = svg_roots_per_section(dom)
    assert set(roots) == set(names)
    assert all(count >= 1 for count in roots.values()), roots
    assert console_errors(log) == []
    assert re.search(r'<div id="chart-errors" hidden', dom)        # the page's own error box stayed hidden
    assert "<script>alert(1)" not in dom                             # data is data, never markup


def test_a_broken_chart_is_caught(chromium: str, tmp_path: Path) -> None:
    """The check above can fail: a page whose script throws is reported by both signals."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><section id="x"><div id="chart-x"></div></section>'
                    "<script>Plotly.newPlot('chart-x', [])</script></body></html>", encoding="utf-8")
    dom, log = load_in_chromium(chromium, page)
    assert svg_roots_per_section(dom) == {"x": 0}
    assert any("Plotly is not defined" in line for line in console_errors(log))


