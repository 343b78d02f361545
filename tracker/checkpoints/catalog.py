"""The built-in curriculum: one folder per checkpoint under curriculum/, read from package data.

A folder `NN_name/` holds checkpoint.toml (topic, title, named mistakes), explain.md, hint.md,
stub.py (what the learner starts from), reference.py (a solution, never copied to the learner)
and checks.py (the `check_*` functions that judge the learner's module, in order).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from tracker.errors import Msg, bad_input

FOLDER_NAME = re.compile(r"(?P<order>\d{2})_(?P<name>[a-z0-9_]+)")


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer, made by replacing text in the reference; the checks must catch it.

    Kept as a substitution rather than a copy of the reference, so the two cannot drift apart.
    """

    name: str
    about: str
    replace: str
    with_: str
    #: Part of the message the learner must see: it tells them what is wrong.
    expect: str

    def apply(self, reference_source: str) -> str:
        count = reference_source.count(self.replace)
        if count != 1:
            raise ValueError(f"mistake {self.name!r}: its text occurs {count} times in the reference, not once")
        return reference_source.replace(self.replace, self.with_)


@dataclass(frozen=True)
class Checkpoint:
    name: str
    order: int
    topic: str
    title: str
    folder: Path
    mistakes: tuple[Mistake, ...]

    @property
    def file_name(self) -> str:
        """The learner's file in a workspace, sorted in curriculum order: 03_activations.py."""
        return f"{self.folder.name}.py"

    @property
    def explanation(self) -> str:
        return (self.folder / "explain.md").read_text(encoding="utf-8")

    @property
    def hint(self) -> str:
        return (self.folder / "hint.md").read_text(encoding="utf-8")

    @property
    def stub_file(self) -> Path:
        return self.folder / "stub.py"

    @property
    def reference_file(self) -> Path:
        return self.folder / "reference.py"

    @property
    def checks_file(self) -> Path:
        return self.folder / "checks.py"


def curriculum_folder() -> Path:
    """The shipped curriculum; a real folder, since the child process reads its files by path."""
    return Path(str(resources.files("tracker.checkpoints") / "curriculum"))


@cache
def load_curriculum() -> tuple[Checkpoint, ...]:
    """Every checkpoint, in curriculum order."""
    found = []
    for entry in sorted(curriculum_folder().iterdir()):
        match = FOLDER_NAME.fullmatch(entry.name)
        if entry.is_dir() and match:
            found.append(_read_checkpoint(entry, int(match["order"]), match["name"]))
    return tuple(found)


def _read_checkpoint(folder: Path, order: int, name: str) -> Checkpoint:
    meta = tomllib.loads((folder / "checkpoint.toml").read_text(encoding="utf-8"))
    mistakes = tuple(
        Mistake(m["name"], m["about"], m["replace"], m["with"], m["expect"]) for m in meta.get("mistakes", [])
    )
    return Checkpoint(name, order, meta["topic"], meta["title"], folder, mistakes)


def find_checkpoint(key: str) -> Checkpoint:
    """A checkpoint by name ('activations'), folder name ('03_activations') or number ('3')."""
    wanted = key.strip().lower()
    for checkpoint in load_curriculum():
        if wanted in (checkpoint.name, checkpoint.folder.name) or ((wanted.isascii() and wanted.isdigit()) and int(wanted) == checkpoint.order):
            return checkpoint
    raise bad_input(Msg.NO_SUCH, thing="checkpoint", name=key, hint=" (see `tracker check list`)")
