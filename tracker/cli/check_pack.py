"""`tracker check pack`: the packs checkpoints come from (built-in, added folders, installed packages)."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.options import AsJson
from tracker.cli.output import column, say, show_rows
from tracker.errors import Msg, bad_input

pack_app = typer.Typer(help="Checkpoint packs: list, add or remove a pack folder, validate one.",
                       no_args_is_help=True)

PackFolder = Annotated[Path, typer.Argument(help="A pack folder: pack.toml and one folder per checkpoint.")]


@pack_app.command("list")
def list_(as_json: AsJson = False) -> None:
    """Every pack tracker knows: its id, version, checkpoints and where it comes from."""
    from tracker.checkpoints.pack_sources import known_packs

    rows = []
    for known in known_packs():
        pack = known.pack
        rows.append({
            "id": pack.id if pack else known.added_id or "?", "version": pack.version if pack else "",
            "checkpoints": len(pack.checkpoints) if pack else 0, "source": known.source,
            "folder": str(known.folder), "title": pack.title if pack else f"unreadable: {known.problem}",
        })
    show_rows(rows, [column("id"), column("version"), column("checkpoints"), column("source"), column("title"),
                     column("folder")], empty="No packs.", as_json=as_json)


@pack_app.command("add")
def add(directory: PackFolder) -> None:
    """Add a pack folder you trust (its checks run in tracker): its checkpoints join `tracker check list`."""
    from tracker.checkpoints.pack_sources import (
        added_packs,
        known_packs,
        packs_file,
        save_added_packs,
    )
    from tracker.checkpoints.packs import read_pack

    folder = directory.expanduser().absolute()
    pack = read_pack(folder)
    added = added_packs()
    if added.get(pack.id) == folder:
        say(f"Pack {pack.id} is added already ({folder}).")
        return
    for known in known_packs():
        if known.pack is not None and known.pack.id == pack.id:
            raise bad_input(Msg.PACK_ID_TAKEN, id=pack.id, where=f"{known.source}, {known.folder}")
    save_added_packs({**added, pack.id: folder})
    say(f"Added pack {pack.id} {pack.version}: {len(pack.checkpoints)} checkpoints ({packs_file()}).")
    say(f"Run them as {pack.id}:NAME; `tracker check init DIR` writes their stubs.")


@pack_app.command("remove")
def remove(pack_id: Annotated[str, typer.Argument(metavar="ID", help="The id `tracker check pack list` shows.")]) -> None:
    """Forget an added pack folder (the folder and your run history are kept)."""
    from tracker.checkpoints.pack_sources import (
        added_packs,
        known_packs,
        save_added_packs,
    )
    from tracker.checkpoints.packs import BUILTIN

    added = added_packs()
    if pack_id in added:
        save_added_packs({key: folder for key, folder in added.items() if key != pack_id})
        say(f"Removed pack {pack_id}; {added[pack_id]} is left as it was.")
        return
    if pack_id == BUILTIN:
        raise bad_input(Msg.PACK_NOT_REMOVABLE, id=pack_id, where="the built-in one", how="")
    for known in known_packs():
        if known.pack is not None and known.pack.id == pack_id:
            raise bad_input(Msg.PACK_NOT_REMOVABLE, id=pack_id, where=f"from {known.source}",
                            how=": uninstall that package (pip uninstall) to remove it")
    raise bad_input(Msg.NO_SUCH, thing="pack", name=pack_id, hint=" (see `tracker check pack list`)")


@pack_app.command("validate")
def validate(directory: PackFolder) -> None:
    """Check a pack before you publish it: every reference passes, every stub fails as not
    written yet, and every named mistake fails with the words it names."""
    from tracker.checkpoints.packs import read_pack
    from tracker.checkpoints.validate import validate as run_variants

    pack = read_pack(directory.expanduser().absolute())
    say(f"Pack {pack.id} {pack.version}: {len(pack.checkpoints)} checkpoints in {len(pack.stages)} stages.")
    verdicts = run_variants(pack.checkpoints)
    for verdict in verdicts:
        if not verdict.ok:
            say(f"FAIL {verdict.checkpoint.short_name} ({verdict.variant}): {verdict.problem}")
    bad = sum(not verdict.ok for verdict in verdicts)
    say(f"{len(verdicts) - bad} of {len(verdicts)} runs behaved as they must"
        + (" (references, stubs and named mistakes)." if not bad else "."))
    if bad:
        raise typer.Exit(1)
