"""The parts of Typer's vendored Click (`typer._click`) that tracker needs and Typer does not make
public, in one place. tests/cli/test_compat.py fails with a clear message when an upgrade of Typer
moves or changes one of them; fix it here and nowhere else.

- The exception classes, so `tracker` can print a usage error as one line instead of Click's box.
- A plain command's argument parsing and the context's pending subcommand, so `tracker week DATE`
  and `tracker week note` can share one group (see cli/week.py).
"""

from __future__ import annotations

import typer

try:
    from typer._click.core import Command
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError as err:  # only after an upgrade of Typer: say so rather than fail obscurely
    raise ImportError(
        f"tracker's command line cannot use typer {typer.__version__}: {err}. The Typer releases it "
        "was tested with are in pyproject.toml; what it needs from them is in tracker/cli/compat.py."
    ) from err

__all__ = ["ClickException", "NoArgsIsHelpError", "UsageError", "parse_as_command", "route_to_subcommand"]


def parse_as_command(command: Command, ctx: typer.Context, args: list[str]) -> list[str]:
    """Parse `args` as the command's own parameters, the way a command that is not a group does
    (a group's parsing would take the first word for a subcommand)."""
    return Command.parse_args(command, ctx, args)


def route_to_subcommand(ctx: typer.Context, name: str, args: list[str]) -> list[str]:
    """Make the group invoke its subcommand `name` with `args`, as Click's group parsing would."""
    ctx._protected_args, ctx.args = [name], list(args)
    return ctx.args
