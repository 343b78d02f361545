"""Where things live and the learner's settings.

Every location is computed when asked (never at import time) so tests and `--db` can redirect it,
and each has an environment variable that overrides it.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tracker.errors import Msg, TrackerError, bad_input, failure

APP_NAME = "ml-study-tracker"
DB_ENV = "TRACKER_DB"
DATA_DIR_ENV = "TRACKER_DATA_DIR"
CONFIG_DIR_ENV = "TRACKER_CONFIG_DIR"


def data_directory() -> Path:
    """The folder that holds the journal and its backups."""
    if override := os.environ.get(DATA_DIR_ENV):
        return Path(override)
    from platformdirs import user_data_path  # ~8 ms, not needed when a folder is given

    return user_data_path(APP_NAME, appauthor=False)


def config_directory() -> Path:
    """The folder that holds config.toml and template overrides."""
    if override := os.environ.get(CONFIG_DIR_ENV):
        return Path(override)
    from platformdirs import user_config_path  # ~8 ms, not needed when a folder is given

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_directory() / "config.toml"


def template_override_directory() -> Path:
    """A learner's own post templates; a file here shadows a shipped one of the same name."""
    return config_directory() / "templates"


def default_journal_path() -> Path:
    return data_directory() / "journal.db"


def journal_location(cli_value: str | None = None) -> str:
    """The journal the user chose: --db, then $TRACKER_DB, then the default file (path or URL)."""
    return cli_value or os.environ.get(DB_ENV) or str(default_journal_path())


#: One FTE point is one semester-long university paper: 15 weeks at about 10 hours a week.
DEFAULT_FTE_HOURS = 150.0
#: The habit the learners we serve keep: at least thirty minutes a day.
DEFAULT_DAILY_MINIMUM = 30


#: desired_retention's bounds: below 0.70 a learner forgets too much to build on; above 0.97 the
#: reviews grow steeply for little more recall (0.97 gives intervals about 0.22 times 0.90's).
RETENTION_LOW, RETENTION_HIGH = 0.70, 0.97


#: The settings learned from first use (`remember`): the checkpoint workspace and the posts folder.
CHECKPOINT_WORKSPACE = "checkpoint_workspace"
POSTS_FOLDER = "posts_folder"


def _setting(default: object, explanation: str) -> Any:
    """A setting with the one line that explains it (in `tracker config` and the file it writes)."""
    return field(default=default, metadata={"help": explanation})


@dataclass(frozen=True)
class Settings:
    """The learner's settings, read from config.toml; every one has a sensible default."""

    daily_minimum: int = _setting(DEFAULT_DAILY_MINIMUM, "minutes that make a day count for the streak")
    fte_hours: float = _setting(DEFAULT_FTE_HOURS, "hours in one FTE point (one semester-long university paper)")
    week_start: str = _setting("monday", '"monday" or "sunday": the first day of a week in listings and the post')
    day_starts_at: int = _setting(
        0, "the hour (0-23) a study day starts: with 4, a session at 1 a.m. counts for the day before")
    rest_days_keep_streak: bool = _setting(
        True, "days declared with `tracker rest` keep the streak and hold the habit strength (false: a miss)")
    rest_days_per_month: int = _setting(
        2, "rest days a calendar month that count as rest; more that month are misses")
    checkpoint_timeout: float = _setting(10.0, "seconds a checkpoint run may take")
    desired_retention: float = _setting(
        0.9, "FSRS: the share of cards you want to still know when due (0.70-0.97); 0.95 instead of 0.90 makes "
        "each interval about 0.4 times as long (more than halves it), about 1.5 times the reviews a year")
    new_cards_per_day: int = _setting(20, "cards seen for the first time a study day, at most (the rest wait)")
    reviews_per_day: int = _setting(
        200, "reviews a study day, at most, new cards' first reviews included (the rest wait for tomorrow)")
    theme: str = _setting("dark", 'the UI\'s theme at start: "dark", "light" or a Textual theme (ctrl+t switches)')
    checkpoint_workspace: str = _setting(
        "", "your checkpoint files, for `tracker check` without --workspace (`check init DIR` remembers it)")
    posts_folder: str = _setting(
        "", "where `tracker week --save` writes posts (the first --out FOLDER remembers it)")
    max_session_hours: float = _setting(
        4.0, "a timer running longer than this is taken as forgotten: `tracker stop` asks for the real end")
    post_group_section: bool = _setting(
        True, 'the week post\'s "My study group this week" section (a server journal with a study group only)')
    extra: dict = field(default_factory=dict)

    @property
    def week_start_index(self) -> int:
        """0 for Monday, 6 for Sunday, as `date.weekday()` counts."""
        return 6 if self.week_start.lower().startswith("sun") else 0

    def folder(self, name: str) -> Path | None:
        """A folder setting as a path (`~` expanded); None while it is not set."""
        value = getattr(self, name).strip()
        return Path(value).expanduser() if value else None


#: Every setting, in the order config.toml lists them.
SETTING_FIELDS = tuple(item for item in fields(Settings) if item.name != "extra")


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml; unknown keys are kept in `extra`, a malformed file or value is a clear error."""
    path = path or config_file()
    return _settings_from(_read_toml(path), path)


def _read_toml(path: Path) -> dict[str, Any]:
    """config.toml as TOML data; {} when there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise bad_input(Msg.SETTINGS_FILE, path=path, problem="not UTF-8 text") from None
    return _parse_toml(text, path)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise bad_input(Msg.SETTINGS_FILE, path=path, problem=f"not valid TOML ({err})") from None


def _settings_from(raw: dict[str, Any], path: Path) -> Settings:
    defaults = Settings()
    values = {}
    for item in SETTING_FIELDS:
        if item.name not in raw:
            continue
        value, expected = raw[item.name], type(getattr(defaults, item.name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise bad_input(Msg.SETTING, path=path, key=item.name, expected=_TYPE_NAMES[expected],
                            value=value)
        values[item.name] = value
    settings = Settings(**values, extra={k: v for k, v in raw.items() if k not in values})
    for key in ("daily_minimum", "fte_hours", "checkpoint_timeout", "max_session_hours"):
        if not math.isfinite(getattr(settings, key)) or getattr(settings, key) <= 0:
            raise bad_input(Msg.SETTING, path=path, key=key, expected="more than 0", value=getattr(settings, key))
    if settings.rest_days_per_month < 0:
        raise bad_input(Msg.SETTING, path=path, key="rest_days_per_month", expected="0 or more",
                        value=settings.rest_days_per_month)
    if not RETENTION_LOW <= settings.desired_retention <= RETENTION_HIGH:  # (nan is refused here too)
        raise bad_input(Msg.SETTING, path=path, key="desired_retention", expected="a number from 0.70 to 0.97",
                        value=settings.desired_retention)
    for key in ("new_cards_per_day", "reviews_per_day"):
        if getattr(settings, key) < 0:
            raise bad_input(Msg.SETTING, path=path, key=key, expected="0 or more", value=getattr(settings, key))
    if not settings.theme.strip():
        raise bad_input(Msg.SETTING, path=path, key="theme", expected='"dark", "light" or a Textual theme name',
                        value=settings.theme)
    if not 0 <= settings.day_starts_at <= 23:
        raise bad_input(Msg.SETTING, path=path, key="day_starts_at", expected="an hour from 0 to 23",
                        value=settings.day_starts_at)
    if settings.week_start.lower() not in ("monday", "sunday"):
        raise bad_input(Msg.SETTING, path=path, key="week_start", expected='"monday" or "sunday"',
                        value=settings.week_start)
    return settings


_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text in quotes", bool: "true or false"}


# -- settings learned from first use, and where each setting in force came from ---------------------
def remember(key: str, value: str, told: Msg, path: Path | None = None) -> str:
    """First use makes a setting: save `key = value` in config.toml unless it sets `key` already.

    An explicit option later never moves a remembered setting, so a one-off `--out /tmp` leaves
    the blog's folder as it was. Returns the line that tells the learner (`told`, filled with the
    value and the file), '' when nothing changed; a config.toml that can't be read or written is
    that line too, since what the command did still stands.
    """
    path = path or config_file()
    try:
        if str(_read_toml(path).get(key, "")).strip():
            return ""
        save_setting(key, value, path)
    except TrackerError as err:
        return Msg.NOT_REMEMBERED.value.format(key=key, problem=err.line)
    except OSError as err:
        return Msg.NOT_REMEMBERED.value.format(key=key, problem=f"{path}: {err.strerror or err}")
    return told.value.format(value=value, path=path)


def save_setting(key: str, value: str | float | bool, path: Path | None = None) -> Path:
    """Set one `key = value` in config.toml, atomically, keeping every other line and comment as
    the learner wrote them: the key's statement is replaced (its trailing comment kept), or the
    line goes after the last top-level key, before any [table], where top-level keys must be."""
    path = path or config_file()
    try:
        text = path.read_bytes().decode("utf-8") if path.exists() else ""
    except UnicodeDecodeError:
        raise bad_input(Msg.SETTINGS_FILE, path=path, problem="not UTF-8 text") from None
    wanted = {**_parse_toml(text, path), key: value}
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    line = f"{key} = {toml_value(value)}"
    end, after_last_key, found = len(lines), None, None
    for first, last, data in _statements(lines):
        if lines[first].lstrip().startswith("["):
            end = first
            break
        if data:
            after_last_key = last + 1
        if key in data:
            found = first, last
    if found:
        first, last = found
        comment = _trailing_comment(lines[first]) if first == last else ""
        lines[first:last + 1] = [line + comment + newline]
    else:
        at = after_last_key if after_last_key is not None else end
        while after_last_key is None and at > 0 and not lines[at - 1].strip():
            at -= 1  # after the comments at the top, not after the blank lines before a [table]
        header_next = at < len(lines) and lines[at].lstrip().startswith("[")
        lines.insert(at, line + newline + (newline if header_next else ""))
    new_text = "".join(lines)
    if _parse_toml(new_text, path) != wanted:  # a file shaped beyond these rules: leave it alone
        raise failure(Msg.SETTINGS_FILE, path=path, problem=f"can't set {key} here: set it by hand")
    # shutil and tempfile (tracker.files) are imported here, not by every command that reads settings.
    from tracker.files import atomic_write

    atomic_write(path, new_text)
    return path


def _statements(lines: list[str]):
    """(first line, last line, data) of each top-level TOML statement, comment or blank line: the
    shortest run of lines that parses alone, so a multi-line string or array is one statement."""
    first = 0
    while first < len(lines):
        for last in range(first, len(lines)):
            try:
                data = tomllib.loads("".join(lines[first:last + 1]))
            except tomllib.TOMLDecodeError:
                continue
            yield first, last, data
            first = last + 1
            break
        else:
            return


def _trailing_comment(line: str) -> str:
    """A `# ...` after the value on a one-line statement (with the spaces before it), else ''."""
    body = line.rstrip("\r\n")
    for index, char in enumerate(body):
        if char == "#":
            try:
                tomllib.loads(body[:index])
            except tomllib.TOMLDecodeError:
                continue  # a # inside a string
            start = len(body[:index].rstrip())
            return body[start:]
    return ""


def toml_value(value: object) -> str:
    """A value as TOML writes it. A string is "quoted"; one with a backslash is a literal string
    ('C:\\Users\\me', read as typed) when it can be, else every quote, backslash and control is
    escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
    if isinstance(value, str):
        controls = any(ord(char) < 0x20 or ord(char) == 0x7F for char in value)
        if not controls and '"' not in value and "\\" not in value:
            return f'"{value}"'
        if not controls and "'" not in value:
            return f"'{value}'"
        return '"' + "".join(_TOML_ESCAPES.get(char) or (f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F
                                                         else char) for char in value) + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)  # dates and times: their ISO form is TOML


def toml_key(key: str) -> str:
    return key if key and all(char.isascii() and (char.isalnum() or char in "-_") for char in key) else toml_value(key)


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


@dataclass(frozen=True)
class InForce:
    """One setting or location as it stands, and where it came from."""

    name: str
    value: object
    #: "default", the config.toml that sets it, an environment variable ($TRACKER_DB) or an option.
    source: str
    explanation: str = ""


def locations_in_force(db_option: str | None = None) -> list[InForce]:
    """The journal, data folder and config file, each with what chose it."""
    def source(variable: str) -> str:
        return f"${variable}" if os.environ.get(variable) else "default"

    journal = "--db" if db_option else source(DB_ENV)
    return [
        InForce("journal", journal_location(db_option), journal if journal != "default" else "default (the data folder)",
                "the journal file or server"),
        InForce("data folder", str(data_directory()), source(DATA_DIR_ENV), "the journal and its backups"),
        InForce("config file", str(config_file()), source(CONFIG_DIR_ENV),
                "settings" + ("" if config_file().exists() else " (not written yet: tracker config --write)")),
    ]


def settings_in_force(path: Path | None = None) -> list[InForce]:
    """Every setting with its value and whether config.toml or the default gave it; keys the file
    has that are no setting come last, so a typo shows."""
    path = path or config_file()
    raw = _read_toml(path)
    settings = _settings_from(raw, path)
    known = [InForce(item.name, getattr(settings, item.name), str(path) if item.name in raw else "default",
                     item.metadata["help"]) for item in SETTING_FIELDS]
    unknown = [InForce(key, value, str(path), "not a setting tracker knows: ignored") for key, value in settings.extra.items()]
    return known + unknown


def commented_config(path: Path | None = None) -> str:
    """A config.toml that lists every setting with its default and what it does; the values the
    current file sets stay set (so --force rewrites the layout, not the learner's choices)."""
    path = path or config_file()
    raw = _read_toml(path)
    _settings_from(raw, path)  # a bad value is named before anything is replaced
    out = ["# tracker settings: `tracker config` shows the ones in force and where each came from.",
           "# A line starting with # is the default; remove the # to change it.", ""]
    for item in SETTING_FIELDS:
        out.append(f"# {item.metadata['help']}")
        if item.name in raw:
            out.append(f"{item.name} = {toml_value(raw[item.name])}")
        else:
            out.append(f"# {item.name} = {toml_value(item.default)}")
        out.append("")
    unknown = {key: value for key, value in raw.items() if key not in {item.name for item in SETTING_FIELDS}}
    if unknown:
        out.append("# Kept from the file before: not settings tracker knows.")
        out += [f"{toml_key(key)} = {toml_value(value)}" for key, value in unknown.items()]  # tables inline
    return "\n".join(out).rstrip("\n") + "\n"
