"""Writing the week's note in the learner's editor: a temporary Markdown file, prefilled, read back.

The file holds the title as a first-line heading, then the reflection, then, below a marker line,
the plan for next week (the post's "Upcoming Week"). An editor that fails, or a file left as it
was, changes nothing.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import Msg, failure

EDITOR_ENVS = ("EDITOR", "VISUAL")
PLAN_MARKER = "<!-- Plan for next week (the post's \"Upcoming Week\"): write it below this line. -->"


@dataclass(frozen=True)
class NoteText:
    title: str
    reflection: str
    #: None when the marker line was removed: the plan is then left as it was.
    plan: str | None


def note_to_text(title: str, reflection: str, plan: str) -> str:
    parts = [f"# {title}".rstrip(), "", reflection.strip(), "", PLAN_MARKER, "", plan.strip()]
    return "\n".join(parts).rstrip("\n") + "\n"


def text_to_note(text: str) -> NoteText:
    lines = text.replace("\r\n", "\n").split("\n")
    plan: str | None = None
    for index, line in enumerate(lines):
        if line.strip() == PLAN_MARKER:
            plan = "\n".join(lines[index + 1:]).strip()
            lines = lines[:index]
            break
    while lines and not lines[0].strip():
        lines.pop(0)
    title = ""
    if lines and (lines[0] == "#" or lines[0].startswith("# ")):
        title = lines.pop(0)[1:].strip()
    return NoteText(title=title, reflection="\n".join(lines).strip(), plan=plan)


def editor_command() -> list[str]:
    for name in EDITOR_ENVS:
        if value := os.environ.get(name, "").strip():
            return shlex.split(value)
    raise failure(Msg.NO_EDITOR)


def edit_text(initial: str, stem: str = "tracker-note") -> str | None:
    """Open $EDITOR on a temporary .md file holding `initial`; the new text, or None if unchanged."""
    command = editor_command()
    handle, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(initial)
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as err:
            raise failure(Msg.EDITOR_FAILED, editor=" ".join(command),
                          problem=f"could not start ({err.strerror or err})") from None
        if result.returncode != 0:
            raise failure(Msg.EDITOR_FAILED, editor=" ".join(command), problem=f"exited with status {result.returncode}")
        try:
            edited = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise failure(Msg.EDITOR_FAILED, editor=" ".join(command), problem=f"left a file that can't be read ({err})") from None
    finally:
        path.unlink(missing_ok=True)
    return None if edited == initial else edited
