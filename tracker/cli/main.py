"""The `tracker` command: global options, error handling, and the command groups.

`run()` is the console-script entry point. Known errors become one line on stderr with exit code 2
(bad input) or 1; anything unexpected is reported in one line too, and only `--debug` shows the
traceback.
"""



import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from tracker import __version__, clock, config
from tracker.errors import FAILURE, TrackerError

DEBUG_ENV = "TRACKER_DEBUG"


@dataclass
class AppState:
    """What the global options chose, handed to every command through the Typer context."""

    db: str | None = None
    debug: bool = False
    _settings: config.Settings | None = field(default=None, repr=False)

    @property
    def location(self) -> str:
        return config.journal_location(self.db)

    @property
    def settings(self) -> config.Settings:
        if self._settings is None:
            self._settings = config.load_settings()
        return self._settings

    def open(self, create: bool = True):
        from tracker.store import open_journal

        return open_journal(self.location, create=create)

    def read(self):
        """The journal for a command that only reads: a --db or $TRACKER_DB that names no journal
        is a typo to report, not a new empty journal to create (the default one is created)."""
        chosen = self.db or os.environ.get(config.DB_ENV)
        return self.open(create=not chosen)

    @staticmethod
    def today() -> date:
        return clock.today()


class TrackerGroup(TyperGroup):
    """Turns errors raised anywhere below into one clear line and an exit code."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Usage errors become one line too, pointing at the command's --help."""
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as err:
            typer.echo(err.format_message())
            code = err.exit_code
        except UsageError as err:
            where = err.ctx.command_path if err.ctx else "tracker"
            typer.echo(f"tracker: {err.format_message()} (see: {where} --help)", err=True)
            code = err.exit_code
        except ClickException as err:
            typer.echo(f"tracker: {err.format_message()}", err=True)
            code = err.exit_code
        except typer.Abort:
            typer.echo("tracker: aborted", err=True)
            code = FAILURE
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as err:
            typer.echo(f"tracker: {err.line}", err=True)
            raise typer.Exit(err.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`tracker week | head`): nothing is wrong, stop quietly.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - flushing at exit must not fail again
            raise typer.Exit(0) from None
        except Exception as err:  # noqa: BLE001 - the last guard before a user sees a traceback
            if _debugging(ctx) or type(err).__module__.startswith("typer"):
                raise
            if isinstance(err, KeyboardInterrupt):
                raise typer.Exit(130) from None
            typer.echo(
                f"tracker: unexpected error: {type(err).__name__}: {err}. "
                "Run again with --debug to see the traceback.",
                err=True,
            )
            raise typer.Exit(FAILURE) from None


def _debugging(ctx: typer.Context) -> bool:
    return _debug_wanted(ctx.obj if isinstance(ctx.obj, AppState) else None)


def _debug_wanted(app_state: AppState | None) -> bool:
    return bool(app_state and app_state.debug) or os.environ.get(DEBUG_ENV) == "1"


app = typer.Typer(
    cls=TrackerGroup,
    help="A study companion for teaching yourself machine learning: log study, plan, review, blog.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="Journal file or SQLAlchemy URL (default: $TRACKER_DB, then the data directory).", metavar="PATH")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Open the terminal UI when no command is given."""
    ctx.obj = AppState(db=db, debug=debug)
    if ctx.invoked_subcommand is None:
        open_ui_or_print(ctx.obj)


def open_ui_or_print(app_state: AppState) -> bool:
    """The terminal UI when a person is at a terminal (True once it closed); the day's numbers
    when piped or scripted (False)."""
    if sys.stdout.isatty() and sys.stdin.isatty():
        from tracker.tui import run_ui

        code = run_ui(app_state.location, app_state.settings, debug=_debug_wanted(app_state))
        if code:
            raise typer.Exit(code)
        return True
    from tracker.cli.sessions import show_home

    show_home(app_state)
    return False


def state(ctx: typer.Context) -> AppState:
    """The AppState of the running command (set by the global callback)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


def _register() -> None:
    """Command groups live in their own modules; importing them must stay cheap."""
    from tracker.cli import cards, charts, check, data, plan, sessions, topics, week

    for module in (sessions, plan, topics, week, charts, check, cards, data):
        module.register(app)


_register()


def run(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the exit code."""
    try:
        app(args=argv, prog_name="tracker", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(run())
