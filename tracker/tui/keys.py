"""The keys the help screen and the command palette list: every screen's bindings with a
description, one line per action with all its keys; and the keys that switch screens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from tracker.tui.screens import ScreenEntry


def all_bindings(screen_class: type) -> list[Binding]:
    """A screen's own bindings and those it inherits from tracker's base screens."""
    found: list[Binding] = []
    for klass in reversed(screen_class.__mro__):
        if klass.__module__.startswith("tracker.") and "BINDINGS" in vars(klass):
            found.extend(b for b in vars(klass)["BINDINGS"] if isinstance(b, Binding))
    return found


def described(bindings: Iterable[object]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.description]


def merged_keys(bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """One line per action, with all its keys: '? / f1  Help'."""
    lines: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        keys, _ = lines.setdefault(binding.action, ([], binding.description))
        keys.append(key_names(binding))
    return [(" / ".join(keys), description) for keys, description in lines.values()]


def key_names(binding: Binding) -> str:
    names = {"question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/"}
    return " / ".join(names.get(key.strip(), key.strip()) for key in binding.key.split(","))


def first_key(binding: Binding) -> str:
    """The key a command's name shows: the first of its keys, as the help names it."""
    return key_names(binding).split(" / ")[0]


def screen_bindings(entries: Sequence[ScreenEntry]) -> list[Binding]:
    """Each screen's key, and alt with that key. The plain key is typing while a text field has
    the focus; alt+key is a priority binding, so it switches from anywhere, even mid-word."""
    bindings: list[Binding] = []
    for entry in entries:
        action = f"go('{entry.name}')"
        bindings.append(Binding(entry.key, action, entry.title, show=False))
        bindings.append(Binding(f"alt+{entry.key}", action, entry.title, show=False, priority=True))
    return bindings


def alt_keys(entries: Sequence[ScreenEntry]) -> str:
    """'alt+1 … alt+9', for the help."""
    return f"alt+{entries[0].key} … alt+{entries[-1].key}"


def screen_commands(entries: Sequence[ScreenEntry], current: str) -> list[tuple[ScreenEntry, Binding]]:
    """Every screen's described keys for the command palette, the current screen's first: a
    command is found from any screen (running it there switches to its screen first)."""
    commands: list[tuple[ScreenEntry, Binding]] = []
    for entry in sorted(entries, key=lambda entry: entry.name != current):
        actions: set[str] = set()
        for binding in described(all_bindings(entry.load())):
            if binding.action not in actions:  # one command per action, whatever its keys
                actions.add(binding.action)
                commands.append((entry, binding))
    return commands


def screen_help(entries: Sequence[ScreenEntry]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's section of each screen that has keys: its bindings, then its HELP_EXTRA lines."""
    sections = []
    for entry in entries:
        screen_class = entry.load()
        keys = merged_keys(described(all_bindings(screen_class)))
        keys.extend(getattr(screen_class, "HELP_EXTRA", ()))
        if keys:
            sections.append((entry.title, keys))
    return sections
