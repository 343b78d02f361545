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

from tracker.errors import Msg, bad_input

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


@dataclass(frozen=True)
class Settings:
    """The learner's settings, read from config.toml; every one has a sensible default."""

    daily_minimum: int = DEFAULT_DAILY_MINIMUM
    fte_hours: float = DEFAULT_FTE_HOURS
    #: "monday" or "sunday": the first day of a week in listings and the weekly post.
    week_start: str = "monday"
    #: When true, days declared with `tracker rest` keep a streak alive.
    rest_days_keep_streak: bool = False
    #: Checkpoint time limit, seconds.
    checkpoint_timeout: float = 10.0
    #: FSRS desired retention for cards.
    desired_retention: float = 0.9
    #: The UI's theme at start: "dark", "light" or the name of any Textual theme.
    theme: str = "dark"
    extra: dict = field(default_factory=dict)

    @property
    def week_start_index(self) -> int:
        """0 for Monday, 6 for Sunday, as `date.weekday()` counts."""
        return 6 if self.week_start.lower().startswith("sun") else 0


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml; unknown keys are kept in `extra`, a malformed file or value is a clear error."""
    path = path or config_file()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise bad_input(Msg.SETTINGS_FILE, path=path, problem=f"not valid TOML ({err})") from None
    defaults = Settings()
    values = {}
    for item in fields(Settings):
        if item.name == "extra" or item.name not in raw:
            continue
        value, expected = raw[item.name], type(getattr(defaults, item.name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise bad_input(Msg.SETTING, path=path, key=item.name, expected=_TYPE_NAMES[expected],
                            value=value)
        values[item.name] = value
    settings = Settings(**values, extra={k: v for k, v in raw.items() if k not in values})
    for key in ("daily_minimum", "fte_hours", "checkpoint_timeout"):
        if not math.isfinite(getattr(settings, key)) or getattr(settings, key) <= 0:
            raise bad_input(Msg.SETTING, path=path, key=key, expected="more than 0", value=getattr(settings, key))
    if not 0.7 <= settings.desired_retention <= 0.99:  # (nan is refused here too)
        raise bad_input(Msg.SETTING, path=path, key="desired_retention", expected="a number from 0.7 to 0.99",
                        value=settings.desired_retention)
    if not settings.theme.strip():
        raise bad_input(Msg.SETTING, path=path, key="theme", expected='"dark", "light" or a Textual theme name',
                        value=settings.theme)
    if settings.week_start.lower() not in ("monday", "sunday"):
        raise bad_input(Msg.SETTING, path=path, key="week_start", expected='"monday" or "sunday"',
                        value=settings.week_start)
    return settings


_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text in quotes", bool: "true or false"}
