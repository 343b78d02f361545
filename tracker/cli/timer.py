"""The live timer on the command line: `tracker start`, `stop`, `cancel` and `status`.

These are the full commands (help, usage errors); the lean parser in cli/quick.py serves their
common forms without loading Typer, and both call cli/actions.py.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tracker.cli import actions
from tracker.cli.context import state
from tracker.cli.options import AsJson
from tracker.cli.sessions import KIND_HELP

START_AT_HELP = "When you started: HH:MM today, 2026-11-21T09:30, or -20m (20 minutes ago). Default: now."
STOP_AT_HELP = ("When you stopped: HH:MM on the start's day, 2026-11-22T00:30, or +45m (45 minutes after the "
                "start). Default: now.")
FORMAT_HELP = ("One line from placeholders, for a prompt or tmux: " +
               ", ".join("{" + name + "}" for name in actions.STATUS_PLACEHOLDERS) +
               ". Example: '{timer} {today}/{minimum} {streak}'.")


def register(app: typer.Typer) -> None:
    app.command("start")(start)
    app.command("stop")(stop)
    app.command("cancel")(cancel)
    app.command("status")(status)


def start(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="What you study; a new topic is created when you stop.")],
    note: Annotated[Optional[str], typer.Argument(help="What you mean to do (stop can add to it).")] = None,
    resource: Annotated[Optional[str], typer.Option("--resource", "-r", help="Course, book or link.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help=KIND_HELP)] = None,
    at: Annotated[Optional[str], typer.Option("--at", help=START_AT_HELP, metavar="TIME")] = None,
    switch: Annotated[bool, typer.Option("--switch", help="Stop (and log) the running timer, then start this one.")] = False,
    pomodoro: Annotated[Optional[str], typer.Option("--pomodoro", help="A pomodoro of this many minutes (the UI counts it down).", metavar="MINUTES")] = None,
) -> None:
    """Start the timer; `tracker stop` logs the session."""
    actions.start(state(ctx), topic=topic, note=note, resource=resource, kind=kind, at=at, switch=switch,
                  pomodoro=pomodoro)


def stop(
    ctx: typer.Context,
    note: Annotated[Optional[str], typer.Argument(help="What you did (added to the start's note).")] = None,
    at: Annotated[Optional[str], typer.Option("--at", help=STOP_AT_HELP, metavar="TIME")] = None,
    force: Annotated[bool, typer.Option("--force", help="Log a forgotten timer (past its day, or longer than max_session_hours) as it stands.")] = False,
) -> None:
    """Stop the timer and log the session."""
    actions.stop(state(ctx), note=note, at=at, force=force)


def cancel(ctx: typer.Context) -> None:
    """Drop the running timer without logging it."""
    actions.cancel(state(ctx))


def status(
    ctx: typer.Context,
    as_json: AsJson = False,
    line_format: Annotated[Optional[str], typer.Option("--format", help=FORMAT_HELP, metavar="TEXT")] = None,
) -> None:
    """One line: the running timer, today against the daily minimum, the streak (quick: for prompts)."""
    actions.status(state(ctx), as_json=as_json, line_format=line_format)
