"""Options and help texts that several commands share, so each reads the same everywhere."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

DATE_HELP = "YYYY-MM-DD, today or yesterday."

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
OnDay = Annotated[Optional[str], typer.Option("--date", "-d", help=DATE_HELP)]
OnlyTopic = Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic.")]
