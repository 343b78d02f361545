"""`tracker status` from a cache, for the shell prompt that runs it far more often than the journal
changes. Python's start-up is most of the 40 ms budget, so this module imports only os, sys, time
and marshal (json alone costs ~13 ms: it pulls in re and enum) and tracker.display, which imports
nothing.

The full path (cli/actions.py status) stores the parts of a status, not the line: the timer, today's
minutes, the minimum, the streak; with what they were computed from: the journal file and its -wal
(st_mtime_ns, st_size, inode; any write from any tracker changes them), config.toml's mtime, the
study day and $TZ. The quick path (cli/quick.py) recomputes the study day from now and checks the
files; anything unusual returns None and the full path runs (and writes the cache again). Both
paths fill the line and the JSON with the functions below, so they can't drift apart; the timer's
elapsed time is computed at read time, so a running timer ticks without invalidating the cache.
"""

from __future__ import annotations

import os
import sys
import time

from tracker import __version__
from tracker.display import shown

APP_NAME = "ml-study-tracker"
#: Bumped when the cache's shape changes; an older cache is then ignored.
FORMAT = 1
#: A journal file changed this recently may change again within the same clock tick without its
#: mtime moving (a coarse file-system clock); the cache is then not written (git's "racy" rule).
RACY_NS = 100_000_000
#: Replaced where the full path's JSON has DEL and C1 controls (cli/output.py print_json).
_JSON_RAW_CONTROLS = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


# -- where things are -------------------------------------------------------------------------------
def _folder(override_env: str, xdg_env: str, fallback: str) -> str | None:
    """A folder as config.data_directory/config_directory find it, or None where only platformdirs
    knows (not Linux). The cache is written only when the two agree, so a difference is a miss."""
    if override := os.environ.get(override_env):
        return override
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(xdg_env, "").strip() or os.path.expanduser(fallback)
    return os.path.join(base, APP_NAME)


def data_directory() -> str | None:
    return _folder("TRACKER_DATA_DIR", "XDG_DATA_HOME", "~/.local/share")


def config_directory() -> str | None:
    return _folder("TRACKER_CONFIG_DIR", "XDG_CONFIG_HOME", "~/.config")


def cache_file(data_dir: str) -> str:
    """In the data folder's cache subfolder, never beside a journal chosen with --db."""
    return os.path.join(data_dir, "cache", "status.marshal")


def journal_file(db: str | None, data_dir: str | None) -> str | None:
    """The journal's file as config.journal_location chooses it (--db, $TRACKER_DB, the default);
    None for a URL or an empty choice (the full path handles those)."""
    location = db if db is not None else (os.environ.get("TRACKER_DB") or None)
    if location is None:
        if data_dir is None:
            return None
        location = os.path.join(data_dir, "journal.db")
    if not location.strip() or "://" in location or location.startswith("sqlite:") or location == ":memory:":
        return None
    return os.path.abspath(location)


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def snapshot(journal: str, config_dir: str) -> tuple:
    """What a status depends on besides now: the journal's files, config.toml and the time zone."""
    return (journal, _stat(journal), _stat(journal + "-wal"), _stat(os.path.join(config_dir, "config.toml")),
            os.environ.get("TZ"), time.tzname)


# -- the study day and now --------------------------------------------------------------------------
def day_number(year: int, month: int, day: int) -> int:
    """date(year, month, day).toordinal(), without importing datetime."""
    before = year - 1
    days_before_month = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)[month - 1]
    leap = month > 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return before * 365 + before // 4 - before // 100 + before // 400 + days_before_month + leap + day


def study_day_number(epoch: float, day_starts_at: int) -> int:
    """clock.study_day's rule on the local wall clock: the local date, or the day before when the
    hour is before `day_starts_at` (0-23); as an ordinal."""
    local = time.localtime(epoch)
    return day_number(local.tm_year, local.tm_mon, local.tm_mday) - (local.tm_hour < day_starts_at)


def now_epoch() -> float | None:
    """Now as clock.now sees it ($TRACKER_NOW, else the clock), in seconds; None for a fixed now
    written in a form this small parser doesn't read."""
    fixed = os.environ.get("TRACKER_NOW")
    return time.time() if not fixed else parse_moment(fixed)


def parse_moment(text: str) -> float | None:
    """YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]]][Z|±HH:MM] as seconds since the epoch (a moment without
    an offset is local time, as datetime.astimezone takes it); None for anything else."""
    try:
        year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
        if text[4] != "-" or text[7] != "-" or not 1 <= month <= 12:
            return None
        rest = text[10:]
        hour = minute = 0
        second = 0.0
        offset: int | None = None
        if rest:
            if rest[0] not in "T ":
                return None
            clock_part = rest[1:]
            for sign in ("Z", "+", "-"):
                if sign in clock_part:
                    clock_part, zone = clock_part.split(sign, 1)
                    if sign == "Z":
                        if zone:
                            return None
                        offset = 0
                    else:
                        zone_hours, zone_minutes = zone.split(":") if ":" in zone else (zone[:2], zone[2:] or "0")
                        offset = (int(zone_hours) * 3600 + int(zone_minutes) * 60) * (1 if sign == "+" else -1)
                    break
            pieces = clock_part.split(":")
            if not 2 <= len(pieces) <= 3 or any(not piece or piece.startswith(("+", "-")) for piece in pieces):
                return None
            hour, minute = int(pieces[0]), int(pieces[1])
            second = float(pieces[2]) if len(pieces) == 3 else 0.0
        if not (1 <= day <= 31 and hour <= 23 and minute <= 59 and second < 60):
            return None
    except (ValueError, IndexError):
        return None
    if offset is None:
        return time.mktime((year, month, day, hour, minute, int(second), 0, 0, -1)) + second % 1
    days = day_number(year, month, day) - day_number(1970, 1, 1)
    return days * 86400 + hour * 3600 + minute * 60 + second - offset


# -- what a status shows (both paths) -------------------------------------------------------------
def minutes_text(minutes: float) -> str:
    """parse.format_minutes (45m, 1h, 1h30m), here so the quick path needn't import tracker.parse."""
    minutes = int(round(minutes))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def _elapsed_seconds(timer: dict, now: float) -> float:
    return max(0.0, now - timer["started_epoch"])


def elapsed_minutes(timer: dict, now: float) -> int:
    """Timer.minutes: whole minutes run, rounded as a session's minutes are."""
    return round(_elapsed_seconds(timer, now) / 60)


def pomodoro_left(timer: dict, now: float) -> int | None:
    """Timer.pomodoro_left: minutes left, rounded up (0 once over); None without a pomodoro."""
    if not timer["pomodoro_minutes"]:
        return None
    left = timer["pomodoro_minutes"] * 60 - _elapsed_seconds(timer, now)
    return max(0, -int(-left // 60))


def status_values(parts: dict, now: float) -> dict[str, object]:
    """The placeholders' values (actions.STATUS_PLACEHOLDERS) for one status."""
    fm, timer = minutes_text, parts["timer"]
    pomodoro = ""
    if timer is not None and timer["pomodoro_minutes"]:
        left = pomodoro_left(timer, now)
        pomodoro = f"{fm(left)} left" if left else "break"
    elapsed = elapsed_minutes(timer, now) if timer else 0
    shown_timer = ""
    if timer is not None:
        shown_timer = f"{timer['topic']} {fm(elapsed)}" + (f" ({pomodoro})" if pomodoro else "")
    today, minimum = parts["today_minutes"], parts["daily_minimum"]
    met = today >= minimum
    return {
        "timer": shown_timer, "topic": timer["topic"] if timer else "", "elapsed": fm(elapsed) if timer else "",
        "elapsed_minutes": elapsed, "pomodoro": pomodoro, "today": fm(today), "today_minutes": today,
        "minimum": fm(minimum), "minimum_minutes": minimum, "left": "" if met else fm(minimum - today),
        "met": "✓" if met else "", "streak": parts["streak"],
    }


def status_line(parts: dict, now: float, line_format: str | None = None) -> str:
    """The one line `tracker status` prints (before `shown`); `line_format` is filled with
    str.format_map, whose KeyError/ValueError the full path turns into bad input."""
    values = status_values(parts, now)
    if line_format is not None:
        return line_format.format_map(values)
    timer = f"{values['timer']} running" if values["timer"] else "no timer"
    verdict = "minimum met" if values["met"] else f"{values['left']} to go"
    streak = parts["streak"]
    return (f"{timer} | today {values['today']} of {values['minimum']}, {verdict} | "
            f"streak {streak} {'day' if streak == 1 else 'days'}")


def status_dict(parts: dict, now: float) -> dict:
    """`tracker status --json`."""
    timer = parts["timer"]
    shown_timer = None
    if timer is not None:
        shown_timer = {key: timer[key] for key in ("topic", "resource", "kind", "note", "started_at")}
        shown_timer.update(elapsed_minutes=elapsed_minutes(timer, now), pomodoro_minutes=timer["pomodoro_minutes"],
                           pomodoro_left_minutes=pomodoro_left(timer, now))
    return {"timer": shown_timer, "today": parts["today"], "today_minutes": parts["today_minutes"],
            "daily_minimum": parts["daily_minimum"], "minimum_met": parts["today_minutes"] >= parts["daily_minimum"],
            "streak": parts["streak"]}


def json_text(data: object) -> str:
    """cli/output.py print_json's text (imported only for --json: json costs ~13 ms)."""
    import json

    return json.dumps(data, indent=2, ensure_ascii=False, default=str).translate(_JSON_RAW_CONTROLS)


# -- the cache --------------------------------------------------------------------------------------
def _key(journal: str, data_dir: str, config_dir: str, day_starts_at: int, day: int) -> tuple:
    return (FORMAT, __version__, sys.hexversion, data_dir, config_dir, day_starts_at, day, snapshot(journal, config_dir))


def write(before: tuple, parts: dict, day_starts_at: int, day: int, data_dir: str, config_dir: str) -> None:
    """Store `parts` if nothing changed while they were read (`before`, a snapshot taken first) and
    the journal wasn't changed too recently to tell a next change apart. Never fails."""
    try:
        journal = before[0]
        after = _key(journal, data_dir, config_dir, day_starts_at, day)
        if after[-1] != before or before[1] is None:
            return
        newest = max(stat[0] for stat in before[1:4] if stat is not None)
        if time.time_ns() - newest < RACY_NS:
            return
        import marshal

        target = cache_file(data_dir)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = f"{target}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps({"key": after, "parts": parts}))
        os.replace(temporary, target)
    except Exception:  # noqa: BLE001 - status must never fail because of its cache
        try:
            os.unlink(temporary)  # type: ignore[possibly-undefined]
        except Exception:  # noqa: BLE001, S110
            pass


def cached_status(db: str | None, as_json: bool = False, line_format: str | None = None) -> str | None:
    """The text `tracker status` prints (shown, with its newline), from a valid cache; else None."""
    try:
        data_dir, config_dir = data_directory(), config_directory()
        if data_dir is None or config_dir is None:
            return None
        journal = journal_file(db, data_dir)
        now = now_epoch()
        if journal is None or now is None:
            return None
        import marshal

        with open(cache_file(data_dir), "rb") as handle:
            cached = marshal.loads(handle.read())
        key, parts = cached["key"], cached["parts"]
        day_starts_at = key[5]
        if key != _key(journal, data_dir, config_dir, day_starts_at, study_day_number(now, day_starts_at)):
            return None
        if as_json:
            return json_text(status_dict(parts, now)) + "\n"
        return shown(status_line(parts, now, line_format), lines=True) + "\n"
    except Exception:  # noqa: BLE001 - no cache, a corrupt one, a bad --format: the full path decides
        return None
