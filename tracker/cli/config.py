"""`tracker config`: the settings in force and where each came from, and a commented config.toml
on request. Quick: it reads config.toml and the environment, never the journal."""

from typing import Annotated

import typer

from tracker.cli.context import state
from tracker.cli.options import AsJson
from tracker.cli.output import column, print_json, print_table, say
from tracker.config import (
    InForce,
    commented_config,
    config_file,
    locations_in_force,
    settings_in_force,
    toml_value,
)
from tracker.errors import Msg, bad_input
from tracker.files import atomic_write


def register(app: typer.Typer) -> None:
    app.command("config")(config)


def config(
    ctx: typer.Context,
    write: Annotated[bool, typer.Option("--write", help="Write config.toml listing every setting with its default and what it does.")] = False,
    force: Annotated[bool, typer.Option("--force", help="With --write: replace an existing config.toml (the values it sets are kept).")] = False,
    as_json: AsJson = False,
) -> None:
    """Show the settings in force and where each came from (default, config.toml, environment)."""
    if force and not write:
        raise bad_input(Msg.OPTION_NEEDS, first="--force", second="--write")
    if write:
        _write(force)
        return
    locations = locations_in_force(state(ctx).db)
    settings = settings_in_force()
    if as_json:
        print_json({"locations": [_row(item) for item in locations], "settings": [_row(item) for item in settings]})
        return
    columns = [column("name"), column("value"), column("from", "source")]
    print_table([_row(item) for item in locations], columns, empty="")
    say()
    print_table([{**_row(item), "value": toml_value(item.value)} for item in settings],
                [column("setting", "name"), column("value"), column("from", "source")], empty="")
    say(f"\nEach setting is explained in the file `tracker config --write` makes ({config_file()}).")


def _row(item: InForce) -> dict:
    return {"name": item.name, "value": item.value, "source": item.source, "explanation": item.explanation}


def _write(force: bool) -> None:
    path = config_file()
    if path.exists() and not force:
        raise bad_input(Msg.OUT_EXISTS, path=path)
    try:
        atomic_write(path, commented_config(path), overwrite=force)
    except FileExistsError:
        raise bad_input(Msg.OUT_EXISTS, path=path) from None
    say(Msg.CONFIG_WRITTEN.value.format(path=path))
