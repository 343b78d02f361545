"""`tracker status` from its cache (tracker/status_cache.py): the cached answer is the full path's,
byte for byte, and any change the answer depends on (a write from another process, config.toml, the
study day) sends the quick path back to the full one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from testkit.journals import blank_journal

from tracker import clock, config, parse, status_cache
from tracker.cli import quick

FORMAT = "{timer}|{topic}|{elapsed}|{pomodoro}|{today}/{minimum}|{left}|{met}|{streak}"
ARGVS = [["status"], ["status", "--json"], ["status", "--format", FORMAT]]


@pytest.fixture(autouse=True)
def no_racy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The journals here were written a moment ago; the racy-mtime rule has its own test."""
    monkeypatch.setattr(status_cache, "RACY_NS", 0)


def _cache() -> Path:
    return Path(status_cache.cache_file(str(config.data_directory())))


def _full(db: Path, argv: list[str], capsys) -> str:
    """The full path's output (the cache removed first, so quick.main can't use it); it writes the cache."""
    _cache().unlink(missing_ok=True)
    capsys.readouterr()
    assert quick.main(["--db", str(db), *argv]) == 0
    return capsys.readouterr().out


def _cached(db: Path, argv: list[str]) -> str | None:
    parsed = quick.parse_quick(["--db", str(db), *argv])
    return status_cache.cached_status(parsed.db, **parsed.values)


def _run(db: Path, *argv: str) -> None:
    assert quick.main(["--db", str(db), *argv]) == 0


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_no_timer_cached_is_uncached(argv, db_path: Path, capsys) -> None:
    blank_journal(db_path)
    _run(db_path, "log", "20m", "CNNs")
    full = _full(db_path, argv, capsys)
    assert _cached(db_path, argv) == full
    capsys.readouterr()
    _run(db_path, *argv)  # the quick path's answer from the cache
    assert capsys.readouterr().out == full
    if argv == ["status"]:
        assert full == "no timer | today 20m of 30m, 10m to go | streak 0 days\n"


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_a_running_timer_ticks_without_invalidating(argv, db_path: Path, capsys, monkeypatch) -> None:
    blank_journal(db_path)
    _run(db_path, "start", "Backprop", "--at", "18:00", "--pomodoro", "25")
    first = _full(db_path, argv, capsys)  # written at 18:30
    assert _cached(db_path, argv) == first
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-21T18:45:20+00:00")
    later = _cached(db_path, argv)
    assert later is not None and later != first
    assert later == _full(db_path, argv, capsys)
    if argv == ["status"]:  # 45m20s run, rounded to 45m; the 25-minute pomodoro is over
        assert later == "Backprop 45m (break) running | today 0m of 30m, 30m to go | streak 0 days\n"
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-21T18:10:30+00:00")
    if argv[-1] == FORMAT:  # 10m30s run: 10m (round half to even), 14m30s left of the pomodoro: 15m
        assert _cached(db_path, argv) == "Backprop 10m (15m left)|Backprop|10m|15m left|0m/30m|30m||0\n"


def test_a_session_logged_by_another_process_shows(db_path: Path, capsys) -> None:
    blank_journal(db_path)
    _run(db_path, "log", "20m", "CNNs")
    assert "today 20m of 30m" in _full(db_path, ["status"], capsys)
    assert _cached(db_path, ["status"]) is not None
    script = f"from tracker.cli.quick import main; raise SystemExit(main(['--db', {str(db_path)!r}, 'log', '25m', 'CNNs']))"
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, env=os.environ.copy(), timeout=60)
    assert _cached(db_path, ["status"]) is None  # the journal's stat changed
    capsys.readouterr()
    _run(db_path, "status")
    assert capsys.readouterr().out == "no timer | today 45m of 30m, minimum met | streak 1 day\n"
    assert _cached(db_path, ["status"]) == "no timer | today 45m of 30m, minimum met | streak 1 day\n"


def test_a_config_change_shows(db_path: Path, capsys) -> None:
    blank_journal(db_path)
    _run(db_path, "log", "40m", "CNNs")
    assert "today 40m of 30m, minimum met" in _full(db_path, ["status"], capsys)
    config.config_directory().mkdir(parents=True, exist_ok=True)
    config.config_file().write_text("daily_minimum = 45\n")
    assert _cached(db_path, ["status"]) is None
    capsys.readouterr()
    _run(db_path, "status")
    assert capsys.readouterr().out == "no timer | today 40m of 45m, 5m to go | streak 0 days\n"


def test_the_study_day_rolling_over(db_path: Path, capsys, monkeypatch) -> None:
    blank_journal(db_path)
    config.config_directory().mkdir(parents=True, exist_ok=True)
    config.config_file().write_text("day_starts_at = 4\n")
    _run(db_path, "log", "40m", "CNNs")
    full = _full(db_path, ["status"], capsys)
    assert full == "no timer | today 40m of 30m, minimum met | streak 1 day\n"
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-22T03:59:00+00:00")  # still the 21st's study day
    assert _cached(db_path, ["status"]) == full == _full(db_path, ["status"], capsys)
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-22T04:00:00+00:00")  # the 22nd's
    assert _cached(db_path, ["status"]) is None
    capsys.readouterr()
    _run(db_path, "status")
    assert capsys.readouterr().out == "no timer | today 0m of 30m, 30m to go | streak 1 day\n"


@pytest.mark.parametrize("content", [None, b"", b"not marshal at all", b"\xe3\x00\x00"])
def test_a_missing_or_corrupt_cache_falls_back(content, db_path: Path, capsys) -> None:
    blank_journal(db_path)
    full = _full(db_path, ["status"], capsys)
    if content is None:
        _cache().unlink()
    else:
        _cache().write_bytes(content)
    assert _cached(db_path, ["status"]) is None
    capsys.readouterr()
    _run(db_path, "status")
    assert capsys.readouterr().out == full
    assert _cached(db_path, ["status"]) == full  # written again


def test_a_bad_format_is_still_bad_input_with_a_cache(db_path: Path, capsys) -> None:
    blank_journal(db_path)
    _full(db_path, ["status"], capsys)
    assert _cached(db_path, ["status", "--format", "{nope}"]) is None
    assert quick.main(["--db", str(db_path), "status", "--format", "{nope}"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_journal_written_a_moment_ago_is_not_cached(db_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(status_cache, "RACY_NS", 10**12)  # "a moment" stretched to 1000 s
    blank_journal(db_path)
    _full(db_path, ["status"], capsys)
    assert not _cache().exists()


TRACKER_MODULES = ['tracker', 'tracker.cli', 'tracker.cli.quick', 'tracker.display', 'tracker.status_cache']


def test_the_quick_path_imports_next_to_nothing(db_path: Path) -> None:
    blank_journal(db_path)
    time.sleep(0.15)  # past the racy-mtime window (RACY_NS) in the child processes
    script = (
        "import sys\nstarted = set(sys.modules)\nfrom tracker.cli.quick import main\n"
        f"code = main({['--db', str(db_path), 'status']!r})\n"
        "new = set(sys.modules) - started\n"  # (an editable install's .pth file imports re and enum at start-up)
        "print('MODULES', code, sorted(name for name in new if name.startswith('tracker')),"
        " sorted({name for name in new if not name.startswith('tracker')}))"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy(),
                           timeout=60) for _ in range(2)]
    first, second = (run.stdout.splitlines() for run in runs)
    assert first[0] == second[0] == "no timer | today 0m of 30m, 30m to go | streak 0 days"
    assert "'tracker.config'" in first[1]  # the full path wrote the cache
    # (`from __future__ import annotations` is the one other module: free, and already loaded by an
    # editable install's start-up, but not by a plain `pip install .`.)
    assert second[1] in (f"MODULES 0 {TRACKER_MODULES} {others}" for others in ("[]", "['__future__']")), runs[1].stderr


# -- the small module's rules agree with the ones the full path uses ---------------------------------
@pytest.mark.parametrize("text", ["2026-11-21", "2026-11-21T18:30:00+00:00", "2026-11-21T18:30+02:00",
                                  "2026-03-29 01:30:15.25", "2026-11-21T18:30:00Z", "2024-02-29T23:59:59-05:30"])
def test_now_is_read_as_clock_reads_it(text, monkeypatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, text)
    assert status_cache.now_epoch() == pytest.approx(clock.now().timestamp(), abs=1e-6)


@pytest.mark.parametrize("text", ["yesterday", "2026-11-21T25:00", "2026-13-01", "2026-11-21T18", "21/11/2026"])
def test_a_fixed_now_it_cant_read_is_left_to_the_full_path(text) -> None:
    assert status_cache.parse_moment(text) is None


@pytest.mark.parametrize("starts", [0, 4, 23])
def test_the_study_day_is_clocks(starts) -> None:
    for hour in range(0, 48, 1):
        moment = datetime.fromisoformat("2024-02-28T00:15:00+00:00").timestamp() + hour * 3600
        expected = clock.study_day(datetime.fromtimestamp(moment).astimezone(), starts).toordinal()
        assert status_cache.study_day_number(moment, starts) == expected
    for day in (date(1, 1, 1), date(1970, 1, 1), date(2000, 2, 29), date(2100, 3, 1), date(2026, 12, 31)):
        assert status_cache.day_number(day.year, day.month, day.day) == day.toordinal()


def test_minutes_are_shown_as_parse_shows_them() -> None:
    assert all(status_cache.minutes_text(m) == parse.format_minutes(m) for m in range(0, 2000, 7))


@pytest.mark.parametrize("xdg", [None, "", "/tmp/xdg-elsewhere"])
def test_the_folders_are_configs(xdg, monkeypatch) -> None:
    monkeypatch.delenv("TRACKER_DATA_DIR")
    monkeypatch.delenv("TRACKER_CONFIG_DIR")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, xdg)
    assert status_cache.data_directory() == str(config.data_directory())
    assert status_cache.config_directory() == str(config.config_directory())
