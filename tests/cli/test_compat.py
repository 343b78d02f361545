"""The private Typer API in tracker/cli/compat.py still works: an upgrade of Typer that moves or
changes it fails here, with a message that says what broke, before a learner meets it."""

from __future__ import annotations

import importlib
from typing import Annotated, Optional

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner


def broke(what: str) -> str:
    return (
        f"typer {typer.__version__} no longer offers what tracker/cli/compat.py relies on: {what}. "
        "Adapt compat.py (only it), then widen typer's range in pyproject.toml."
    )


@pytest.fixture
def compat():
    try:
        return importlib.import_module("tracker.cli.compat")
    except ImportError as err:
        pytest.fail(broke(f"importing it failed ({err})"), pytrace=False)


def test_the_click_exceptions_are_the_ones_typer_raises(compat) -> None:
    assert issubclass(compat.NoArgsIsHelpError, compat.UsageError), broke("NoArgsIsHelpError is a UsageError")
    assert issubclass(compat.UsageError, compat.ClickException), broke("UsageError is a ClickException")
    error = compat.UsageError("no such option: --frob", ctx=None)
    assert (error.exit_code, error.format_message(), error.ctx) == (2, "no such option: --frob", None), broke(
        "UsageError(message, ctx) with exit_code 2, format_message() and ctx"
    )

    group = typer.Typer(no_args_is_help=True, rich_markup_mode=None, add_completion=False)  # as tracker's app
    group.command("one")(lambda: None)
    group.command("two")(lambda: None)
    with pytest.raises(compat.NoArgsIsHelpError) as raised:
        typer.main.get_command(group).main([], prog_name="g", standalone_mode=False)
    assert "Usage: g" in raised.value.format_message(), broke("NoArgsIsHelpError carries the help text")

    with pytest.raises(compat.UsageError) as raised:
        typer.main.get_command(group).main(["--frob"], prog_name="g", standalone_mode=False)
    assert raised.value.ctx is not None and raised.value.ctx.command_path == "g", broke("UsageError.ctx.command_path")


class RoutingGroup(TyperGroup):
    """The shape of cli/week.py's group: its own argument, or a subcommand named by the first word."""

    def parse_args(self, ctx, args):
        from tracker.cli.compat import parse_as_command, route_to_subcommand  # here, so a broken compat fails a test, not collection

        if args and args[0] in self.commands:
            parse_as_command(self, ctx, [])
            return route_to_subcommand(ctx, args[0], args[1:])
        return parse_as_command(self, ctx, args)


def test_a_group_can_take_an_argument_or_route_to_a_subcommand(compat) -> None:
    seen = []
    routed = typer.Typer(cls=RoutingGroup, invoke_without_command=True, rich_markup_mode=None, add_completion=False)

    @routed.callback()
    def own(ctx: typer.Context, day: Annotated[Optional[str], typer.Argument()] = None) -> None:
        if ctx.invoked_subcommand is None:
            seen.append(("own", day))

    @routed.command("sub")
    def sub(word: Annotated[Optional[str], typer.Argument()] = None) -> None:
        seen.append(("sub", word))

    runner = CliRunner()
    for args, expected in ((["2026-W41"], ("own", "2026-W41")), (["sub", "x"], ("sub", "x")), ([], ("own", None))):
        seen.clear()
        result = runner.invoke(routed, args)
        assert result.exit_code == 0 and seen == [expected], broke(
            f"parse_as_command/route_to_subcommand: `{' '.join(args)}` gave {seen} (exit {result.exit_code}, "
            f"{result.output!r}), expected {[expected]}"
        )
