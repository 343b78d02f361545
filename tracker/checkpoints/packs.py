"""Checkpoint packs: a folder with a pack.toml manifest and one sub-folder per checkpoint.

Where packs come from (built in, added, installed) is tracker.checkpoints.pack_sources. The manifest orders the checkpoints as a path in stages; a checkpoint folder holds checkpoint.toml
(topic, title, named mistakes), explain.md, hint.md, stub.py, reference.py and checks.py.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tracker.errors import Msg, bad_input

MANIFEST = "pack.toml"
BUILTIN = "builtin"
#: What a checkpoint folder must hold; checkpoint.toml first, since the others are read lazily.
PARTS = ("checkpoint.toml", "explain.md", "hint.md", "stub.py", "reference.py", "checks.py")
#: Short, lowercase ids: they prefix names (`mypack:name`) and the learner's file names.
PACK_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
#: A folder `NN_name` (the number only sorts folders on disk) or just `name`: the name is kept
#: exactly as the curriculum named its folders, since run history stores names.
FOLDER_NAME = re.compile(r"(?:\d+_)?(?P<name>[a-z][a-z0-9_]*)")


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
    #: As the journal records it: the bare name in the built-in pack, `pack:name` in any other.
    name: str
    #: Place on its pack's path, from 1.
    order: int
    topic: str
    title: str
    folder: Path
    mistakes: tuple[Mistake, ...]
    pack: str = BUILTIN
    stage: str = ""

    @property
    def short_name(self) -> str:
        return self.name.rpartition(":")[2]

    @property
    def file_name(self) -> str:
        """The learner's file in a workspace: 03_activations.py, or mypack__01_hello.py."""
        prefix = "" if self.pack == BUILTIN else f"{self.pack}__"
        return f"{prefix}{self.folder.name}.py"

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


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    version: str
    folder: Path
    #: 'built-in', 'added' or 'package NAME'.
    source: str
    checkpoints: tuple[Checkpoint, ...]

    @property
    def stages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.stage for c in self.checkpoints))


def builtin_folder() -> Path:
    """The shipped curriculum; a real folder, since the child process reads its files by path."""
    return Path(str(resources.files("tracker.checkpoints") / "curriculum"))


def read_pack(folder: Path, source: str = "added", strict: bool = True) -> Pack:
    """Read and check a pack's manifest and its checkpoint folders; bad input names the problem.

    `strict=False` (the built-in pack only) skips a listed folder that has no checkpoint.toml yet,
    and reads each part only when it is used; the curriculum's tests hold it to the strict rules.
    """
    folder = Path(folder)
    manifest_file = folder / MANIFEST
    try:
        text = manifest_file.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise bad_input(Msg.PACK_NO_MANIFEST, path=folder) from None
    except (OSError, UnicodeDecodeError) as err:
        raise bad_input(Msg.PACK_BAD_TOML, path=manifest_file, error=err) from None
    manifest = _toml(text, manifest_file)
    pack_id = _text(manifest, "id", manifest_file)
    if not PACK_ID.fullmatch(pack_id):
        raise bad_input(Msg.PACK_FIELD, path=manifest_file, field="id",
                        expected="lowercase letters, digits, - and _ (at most 40)")
    title, version = _text(manifest, "title", manifest_file), _text(manifest, "version", manifest_file)
    stages = manifest.get("stages")
    if not isinstance(stages, list) or not stages or not all(isinstance(s, dict) for s in stages):
        raise bad_input(Msg.PACK_FIELD, path=manifest_file, field="[[stages]]",
                        expected="one table or more, each with a title and a list of checkpoint folders")
    found: list[Checkpoint] = []
    for stage in stages:
        stage_title = _text(stage, "title", manifest_file)
        entries = stage.get("checkpoints")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise bad_input(Msg.PACK_FIELD, path=manifest_file, field=f"checkpoints of stage {stage_title!r}",
                            expected="a list of checkpoint folder names")
        for entry in entries:
            checkpoint_folder = _inside(folder, entry, manifest_file)
            if not strict and not (checkpoint_folder / "checkpoint.toml").is_file():
                continue
            name = FOLDER_NAME.fullmatch(entry)["name"]
            qualified = name if pack_id == BUILTIN else f"{pack_id}:{name}"
            found.append(read_checkpoint(checkpoint_folder, qualified, len(found) + 1, stage_title, pack_id, strict))
    names = [c.name for c in found]
    if duplicate := next((n for n in names if names.count(n) > 1), None):
        raise bad_input(Msg.PACK_DUPLICATE, path=manifest_file, name=duplicate.rpartition(":")[2])
    return Pack(pack_id, title, version, folder, source, tuple(found))


def _toml(text: str, path: Path) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise bad_input(Msg.PACK_BAD_TOML, path=path, error=err) from None


def _text(table: dict, key: str, path: Path) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise bad_input(Msg.PACK_FIELD, path=path, field=key, expected="a non-empty string")
    return value.strip()


def _inside(pack_folder: Path, entry: str, manifest_file: Path) -> Path:
    """A listed folder must be a plain name of a folder in the pack: no '..', no link out of it."""
    target = pack_folder / entry
    if not FOLDER_NAME.fullmatch(entry) or target.resolve().parent != pack_folder.resolve():
        raise bad_input(Msg.PACK_OUTSIDE, path=manifest_file, folder=entry)
    return target


def read_checkpoint(folder: Path, name: str, order: int, stage: str, pack_id: str, strict: bool = True) -> Checkpoint:
    """One checkpoint folder; `strict` checks every part is there and every mistake applies."""
    where = folder.parent / MANIFEST
    if strict:
        for part in PARTS:
            if not (folder / part).is_file():
                raise bad_input(Msg.PACK_MISSING_PART, path=where, folder=folder.name, part=part)
    meta_file = folder / "checkpoint.toml"
    try:
        meta = _toml(meta_file.read_text(encoding="utf-8"), meta_file)
    except (OSError, UnicodeDecodeError) as err:
        raise bad_input(Msg.PACK_BAD_TOML, path=meta_file, error=err) from None
    raw = meta.get("mistakes", [])
    fields = ("name", "about", "replace", "with", "expect")
    if not isinstance(raw, list) or not all(isinstance(m, dict) and all(isinstance(m.get(f), str) for f in fields)
                                            for m in raw):
        raise bad_input(Msg.PACK_FIELD, path=meta_file, field="[[mistakes]]",
                        expected="tables with text name, about, replace, with and expect")
    mistakes = tuple(Mistake(m["name"], m["about"], m["replace"], m["with"], m["expect"]) for m in raw)
    if strict:
        reference = (folder / "reference.py").read_text(encoding="utf-8", errors="replace")
        for mistake in mistakes:
            if (count := reference.count(mistake.replace)) != 1:
                raise bad_input(Msg.PACK_MISTAKE, path=meta_file, mistake=mistake.name, folder=folder.name,
                                count=count)
    return Checkpoint(name, order, _text(meta, "topic", meta_file), _text(meta, "title", meta_file), folder,
                      mistakes, pack_id, stage)
