"""The dashboard in a real browser: headless Chromium loads it from file://, every chart draws its
SVG and no JavaScript error is logged; and --png/--svg draw real images through kaleido.

Chromium comes from Debian (.ci/system-packages installs it); without it these tests skip and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.config import Settings
from testkit.paths import REPO

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
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if not found:
        subprocess.run(["bash", str(REPO / ".ci" / "system-packages")], capture_output=True, timeout=600)
        found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if not found:
        pytest.skip("no Chromium: `bash .ci/system-packages` (apt-get install chromium) could not install it here")
    return found


def fill(journal) -> None:
    """Six weeks of study, a plan, stuck days, checkpoint runs and card reviews: every chart has data."""
    from tracker.study import declare_rest_day, log_session
    from tracker.plan import add_resource, record_progress
    from tracker.store import stamps

    add_resource(journal, "Deep Learning Book", hours=40, units=20, status="active")
    add_resource(journal, "fast.ai course", fte=0.2, status="active")
    topics = ["Backpropagation", "CNNs", "Optimizers", "Linear algebra"]
    kinds = ["read", "watch", "code", "exercise"]
    for offset in range(42):
        day = TODAY - timedelta(days=offset)
        if offset % 9 == 4:
            declare_rest_day(journal, day)
            continue
        log_session(journal, minutes=20 + (offset * 7) % 70, topic=topics[offset % 4], day=day, kind=kinds[offset % 4],
                    resource=["Deep Learning Book", "fast.ai course", None][offset % 3], stuck=offset % 11 == 0,
                    note="studied <b>things</b> & \"quoted\" 'text'")
    record_progress(journal, "Deep Learning Book", 7, TODAY)
    journal.executemany(
        "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, created_at, updated_at) "
        "VALUES (:c, :p, :m, 0.2, '', :at, :created_at, :updated_at)",
        [{"c": c, "p": p, "m": "</script><script>alert(1)</script>", "at": at, **stamps()}
         for c, p, at in [("activations", 0, "2026-11-02T10:00:00Z"), ("activations", 1, "2026-11-03T10:00:00Z"),
                          ("notes.md#block-1", 1, "2026-11-10T10:00:00Z")]],
    )
    from datetime import datetime

    from tracker import cards

    card = cards.add_card(journal, "What does <b>dropout</b> do at test time?", "Nothing: it is scaled in training.",
                          "Regularization").card
    for day, rating in ((18, 3), (19, 1), (19, 3), (20, 3), (21, 4), (21, 3), (21, 1)):
        cards.rate(journal, card, rating, now=datetime.fromisoformat(f"2026-11-{day:02d}T08:00:00+00:00"),
                   fuzz=False, retention=0.9)


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
    from tracker.charts import make_dashboard

    fill(journal)
    dashboard = make_dashboard(journal, Settings(), TODAY, tmp_path)
    names = [chart.name for chart in dashboard.drawn]
    assert names == ["calendar", "weekly-topics", "burn-up", "resources", "when-and-how", "checkpoints", "reviews"]

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


def test_png_images_through_kaleido(chromium: str, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real images from a real browser (--svg takes the same path; test_charts checks its file names)."""
    from tracker.store import open_journal

    pytest.importorskip("kaleido", reason="kaleido is not installed: pip install 'kaleido>=1.5,<2'")
    monkeypatch.setenv("BROWSER_PATH", chromium)
    db = tmp_path / "journal.db"
    with open_journal(str(db)) as journal:
        fill(journal)
    out = tmp_path / "out"
    result = cli("charts", "--out", str(out), "--png", db=db)
    assert result.exit_code == 0, result.stderr
    pngs = sorted(out.glob("*.png"))
    assert [p.stem for p in pngs] == sorted(
        ["calendar", "weekly-topics", "burn-up", "resources", "when-and-how", "checkpoints", "reviews"])
    # A real picture: the PNG signature, and 1100 px wide (the IHDR width field).
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5_000 for p in pngs)
    assert all(int.from_bytes(p.read_bytes()[16:20], "big") == 1100 for p in pngs)
    assert "Images: 7 files" in result.stdout
