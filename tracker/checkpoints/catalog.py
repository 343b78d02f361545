"""Finding checkpoints across packs: every checkpoint in path order, and one by what a learner types.

The built-in pack comes first and its names are bare ('activations'); another pack's checkpoints
are named `pack:name` in the journal, and found by their bare name too while no other pack has it.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.checkpoints.pack_sources import builtin_pack, usable_packs
from tracker.checkpoints.packs import BUILTIN, Checkpoint, Mistake, builtin_folder
from tracker.errors import Msg, bad_input

__all__ = ["Checkpoint", "Mistake", "curriculum_folder", "find_checkpoint", "load_curriculum", "stage_label", "stage_starts"]

curriculum_folder = builtin_folder


def load_curriculum() -> tuple[Checkpoint, ...]:
    """Every checkpoint of every readable pack: the built-in path first, then each other pack's."""
    return tuple(checkpoint for pack in usable_packs() for checkpoint in pack.checkpoints)


def find_checkpoint(key: str) -> Checkpoint:
    """A checkpoint by name ('activations'), folder name ('03_activations'), place on the built-in
    path ('3'), or any of these after a pack id ('mypack:hello', 'mypack:2')."""
    wanted = key.strip().lower()
    pack_id, _, local = wanted.rpartition(":")
    number = int(local) if local.isascii() and local.isdigit() else None
    packs = usable_packs()
    if pack_id:
        packs = [pack for pack in packs if pack.id == pack_id]
        if not packs:
            raise bad_input(Msg.NO_SUCH, thing="pack", name=pack_id, hint=" (see `tracker check pack list`)")
    elif number is not None:  # a bare number is a place on the built-in path
        packs = [builtin_pack()]
    matches = [
        checkpoint for pack in packs for checkpoint in pack.checkpoints
        if local in (checkpoint.short_name, checkpoint.folder.name) or number == checkpoint.order
    ]
    if not matches:
        raise bad_input(Msg.NO_SUCH, thing="checkpoint", name=key, hint=" (see `tracker check list`)")
    if len(matches) > 1:
        raise bad_input(Msg.CHECKPOINT_CLASH, name=key, packs=" and ".join(c.pack for c in matches),
                        example=f"tracker check run {matches[-1].pack}:{matches[-1].short_name}")
    return matches[0]


def stage_label(row: dict) -> str:
    """The heading a listing groups a checkpoint under (a tracker.checkpoints.history.overview row):
    'Foundations', 'mypack: Basics' for another pack's stage, 'your notes' for a notes block."""
    if row["order"] is None:
        return "your notes"
    if row.get("pack") in (None, "", BUILTIN):
        return row.get("stage") or ""
    return f"{row['pack']}: {row['stage']}"


def stage_starts(rows: Iterable[dict]) -> dict[str, str]:
    """name -> stage for the first row of each stage: a listing names a stage once, at its start."""
    starts, previous = {}, None
    for row in rows:
        stage = stage_label(row)
        if stage != previous:
            starts[row["name"]] = stage
        previous = stage
    return starts
