"""Options and help texts that several commands share, so each reads the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import parse

DATE_HELP = "YYYY-MM-DD, today or yesterday."

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
OnDay = Annotated[Optional[str], typer.Option("--date", "-d", help=DATE_HELP)]
OnlyTopic = Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.")]


def checked_path(value: Path | list[Path] | None) -> Path | list[Path] | None:
    """Typer callback for path parameters: a path with control characters (a NUL the operating
    system would choke on) is one clear line, before the command runs."""
    if isinstance(value, list):
        return [checked_path(item) for item in value]
    if value is not None:
        parse.parse_path(str(value))
    return value
