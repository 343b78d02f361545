"""The `tracker` command: global options, error handling, and the command groups.

`run()` is the console-script entry point. Known errors become one line on stderr with exit code 2
(bad input) or 1; anything unexpected is reported in one line too, and only `--debug` shows the
traceback. What the commands share is in cli/context.py; Typer's private API in cli/compat.py.
"""

import sys
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.cli import (
    cards,
    charts,
    check,
    config,
    data,
    goals,
    group,
    plan,
    sessions,
    timer,
    topics,
    week,
)
from tracker.cli.compat import ClickException, NoArgsIsHelpError, UsageError
from tracker.cli.context import AppState
from tracker.cli.failures import report
from tracker.cli.home import open_ui_or_print
from tracker.display import shown
from tracker.errors import FAILURE, Msg, TrackerError


class TrackerGroup(TyperGroup):
    """Turns errors raised anywhere below into one clear line and an exit code."""

    def main(self, args: Any = None, *rest: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Usage errors become one line too, pointing at the command's --help."""
        try:
            _check_arguments(sys.argv[1:] if args is None else args)
            code = super().main(args, *rest, standalone_mode=False, **kwargs)
        except TrackerError as err:
            typer.echo(shown(f"tracker: {err.line}", lines=True), err=True)
            code = err.exit_code
        except NoArgsIsHelpError as err:
            typer.echo(err.format_message())
            code = err.exit_code
        except UsageError as err:
            where = err.ctx.command_path if err.ctx else "tracker"
            dash = "; a value that starts with a dash goes after --" if "No such option" in err.format_message() else ""
            typer.echo(shown(f"tracker: {err.format_message()} (see: {where} --help{dash})", lines=True), err=True)
            code = err.exit_code
        except ClickException as err:
            typer.echo(shown(f"tracker: {err.format_message()}", lines=True), err=True)
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
        except (typer.Exit, typer.Abort):
            raise
        except BaseException as err:  # noqa: BLE001 - the last guard before a user sees a traceback
            if type(err).__module__.startswith(("typer", "click")) or isinstance(err, SystemExit):
                raise
            raise typer.Exit(report(err, _debugging(ctx))) from None


def _check_arguments(args: Any) -> None:
    """Refuse, in one line, what no command can take: a NUL (no terminal sends one; a script can,
    and the path checks would choke on it) or bytes that are not UTF-8 (Python hands them over as
    lone surrogates, which nothing can store or print)."""
    for arg in map(str, args):
        if "\x00" in arg:
            raise TrackerError(Msg.CONTROL_CHARACTERS.value.format(field="an argument"))
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown_bytes = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise TrackerError(Msg.ARGUMENT_NOT_UTF8.value.format(value=shown_bytes)) from None


def _debugging(ctx: typer.Context) -> bool:
    return (ctx.obj if isinstance(ctx.obj, AppState) else AppState()).debugging


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


def _register() -> None:
    """Command groups live in their own modules; `tracker --help` lists them in this order."""
    for module in (sessions, timer, plan, goals, topics, week, charts, check, cards, group, data, config):
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
