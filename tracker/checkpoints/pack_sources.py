"""Where checkpoint packs come from: the built-in one shipped in the package, the folders the
learner added (`tracker check pack add`, listed in packs.toml in the data folder), and installed
Python packages that name their pack under the entry-point group `tracker.checkpoints`.

A pack that can't be read is listed with its problem and skipped, never fatal: one broken folder
must not stop every `tracker check`.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from tracker.checkpoints.packs import MANIFEST, Pack, builtin_folder, read_pack
from tracker.config import data_directory
from tracker.errors import Msg, TrackerError, bad_input
from tracker.files import atomic_write

ENTRY_POINT_GROUP = "tracker.checkpoints"


@dataclass(frozen=True)
class KnownPack:
    """A pack tracker knows of, and what is wrong with it when it can't be read (it is skipped)."""

    source: str
    folder: Path
    pack: Pack | None = None
    problem: str = ""
    #: The id it was added under (packs.toml), when it came from there.
    added_id: str = ""



def packs_file() -> Path:
    """The folders added with `tracker check pack add`: a list of this machine's folders that the
    commands keep, so it lives beside the journal rather than among the learner's settings."""
    return data_directory() / "packs.toml"


def added_packs() -> dict[str, Path]:
    """id -> folder, as packs.toml lists them."""
    path = packs_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        raise bad_input(Msg.PACKS_FILE, path=path, problem=err) from None
    try:
        entries = tomllib.loads(text).get("pack", [])
    except tomllib.TOMLDecodeError as err:
        raise bad_input(Msg.PACKS_FILE, path=path, problem=f"not valid TOML ({err})") from None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("path"), str) for e in entries):
        raise bad_input(Msg.PACKS_FILE, path=path, problem="each [[pack]] needs a text id and path")
    return {entry["id"]: Path(entry["path"]) for entry in entries}


def save_added_packs(packs: dict[str, Path]) -> Path:
    lines = ["# Checkpoint packs added with `tracker check pack add DIR` (remove with `pack remove ID`).\n"]
    for pack_id, folder in packs.items():
        lines.append(f"\n[[pack]]\nid = {json.dumps(pack_id)}\npath = {json.dumps(str(folder))}\n")
    return atomic_write(packs_file(), "".join(lines))


@cache
def builtin_pack() -> Pack:
    return read_pack(builtin_folder(), "built-in", strict=False)


@lru_cache(maxsize=64)
def _read_cached(folder: str, source: str, manifest_stamp: int) -> Pack:
    """Packs are read again when their manifest changes (the screen asks for them often)."""
    return read_pack(Path(folder), source)


def _known(source: str, folder: Path, added_id: str = "") -> KnownPack:
    try:
        stamp = (folder / MANIFEST).stat().st_mtime_ns
        return KnownPack(source, folder, _read_cached(str(folder), source, stamp), added_id=added_id)
    except OSError:
        return KnownPack(source, folder, problem=Msg.PACK_NO_MANIFEST.value.format(path=folder), added_id=added_id)
    except TrackerError as err:
        return KnownPack(source, folder, problem=err.line, added_id=added_id)


def known_packs() -> list[KnownPack]:
    """Every pack: the built-in one, the added folders, then the installed packages' packs."""
    found = [KnownPack("built-in", builtin_folder(), builtin_pack())]
    try:
        added = added_packs()
    except TrackerError as err:
        found.append(KnownPack("added", packs_file(), problem=err.line))
        added = {}
    found += [_known("added", folder, pack_id) for pack_id, folder in added.items()]
    found += [_known(source, folder) for source, folder in _entry_point_folders(tuple(sys.path))]
    return found


@lru_cache(maxsize=4)
def _entry_point_folders(search_path: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    """(source, folder) of each installed package's pack; what is installed changes, in a running
    process, only with sys.path, hence the key. An entry point names a package (its folder is the
    pack) or `module:attribute` (the attribute is the folder's path)."""
    if not _any_declared(search_path):
        return ()
    from importlib.metadata import entry_points

    found = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        source = f"package {point.dist.name if point.dist else point.name}"
        try:
            folder = Path(str(point.load())) if point.attr else Path(str(resources.files(point.module)))
        except Exception as err:  # a broken package must not stop tracker: it is listed as broken
            found.append((f"{source} (broken: {type(err).__name__})", Path(point.value)))
            continue
        found.append((source, folder))
    return tuple(found)


def _any_declared(search_path: tuple[str, ...]) -> bool:
    """Whether any installed package declares the group at all: a look at each entry_points.txt
    takes ~10 ms, where importlib.metadata's full scan takes ~70, on every `tracker check`."""
    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in search_path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    if marker in Path(folder or ".", name, "entry_points.txt").read_text(encoding="utf-8"):
                        return True
                except (OSError, UnicodeDecodeError):
                    continue
    return False


def usable_packs() -> list[Pack]:
    """The packs that could be read, first of each id (a second pack with a taken id is skipped)."""
    seen: dict[str, Pack] = {}
    for known in known_packs():
        if known.pack is not None and known.pack.id not in seen:
            seen[known.pack.id] = known.pack
    return list(seen.values())
