"""`tracker charts --png` through kaleido and a real headless Chromium: real image files (the
dashboard page itself is loaded in Chromium by tests/unit/test_charts_browser.py).

Chromium comes from Debian (.ci/system-packages installs it); without it, or without kaleido, this
test skips and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.charts import fill
from testkit.chromium import chromium_or_skip

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


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
        ["calendar", "habit-strength", "weekly-topics", "burn-up", "resources", "when-and-how", "checkpoints",
         "reviews"])
    # A real picture: the PNG signature, and 1100 px wide (the IHDR width field).
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5_000 for p in pngs)
    assert all(int.from_bytes(p.read_bytes()[16:20], "big") == 1100 for p in pngs)
    assert "Images: 8 files" in result.stdout
