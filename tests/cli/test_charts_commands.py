"""The `tracker charts` command: the dashboard file, where it goes, --open, the period, and its
errors (the figures themselves are tested in tests/unit/test_charts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.charts import SESSIONS


def test_empty_journal_gives_a_page_that_says_so(cli, journal, tmp_path: Path) -> None:
    result = cli("charts", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8")
    assert "No study sessions in this journal yet" in page
    assert "Plotly.newPlot(" not in page and len(page) < 100_000        # no charts, so no plotly.js either
    assert "Charts: none" in result.stdout


def _log(cli) -> None:
    for day, minutes, topic, resource, kind, stuck in SESSIONS[:4]:
        args = ["log", str(minutes), topic, "--date", day, "--kind", kind, *(["--resource", resource] if resource else [])]
        assert cli(*args, *(["--stuck"] if stuck else [])).exit_code == 0


def test_charts_command_writes_and_opens(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    _log(cli)
    result = cli("charts", "--out", str(tmp_path / "out"), "--open")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "out" / "dashboard.html"
    assert path.exists() and f"Dashboard: {path}" in result.stdout
    assert opened == [path.resolve().as_uri()]
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_charts_default_folder_is_in_the_data_directory(cli, isolated_environment: Path) -> None:
    _log(cli)
    assert cli("charts").exit_code == 0
    assert (isolated_environment / "data" / "charts" / "dashboard.html").exists()


def test_charts_period_errors(cli, tmp_path: Path) -> None:
    result = cli("charts", "--out", str(tmp_path), "--from", "2026-11-10", "--to", "2026-11-01")
    assert result.exit_code == 2 and "--from 2026-11-10 is after --to 2026-11-01" in result.stderr
    assert not (tmp_path / "dashboard.html").exists()
    result = cli("charts", "--out", str(tmp_path), "--from", "next week")
    assert result.exit_code == 2 and "can't read date" in result.stderr


def test_images_without_chromium_say_what_to_install(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    _log(cli)
    result = cli("charts", "--out", str(tmp_path / "out"), "--png")
    assert result.exit_code == 1
    assert "install it (Debian/Ubuntu: sudo apt install chromium" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_unwritable_folder_is_one_clear_line(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _log(cli)
    result = cli("charts", "--out", str(blocker / "out"))
    assert result.exit_code == 1 and result.stderr.startswith("tracker: can't write to")
