"""The keys the help screen and the command palette list: every screen's bindings with a
description, one line per action with all its keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding


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
