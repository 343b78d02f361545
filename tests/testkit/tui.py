"""What the Pilot tests share: the fixed clock, running an async test, waiting for workers or for
what the screen shows, and the messages the app handled."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from pathlib import Path

from testkit.clock import NOW, TODAY  # noqa: F401  (re-exported for the Pilot tests)
from testkit.journals import blank_journal, load_sample  # noqa: F401

#: Seconds a `wait_until` waits before it fails: far more than any wait here takes.
WAIT_TIMEOUT = 10.0


def tracker_app(location: Path | str, settings=None):
    """The app on a test journal (a SQLite file, made if missing, or a server journal's URL), with
    the fixed clock (and default settings unless given)."""
    from tracker.config import Settings
    from tracker.tui.app import make_app

    if "://" not in str(location):
        location = blank_journal(Path(location))
    return make_app(str(location), settings or Settings(), now=NOW)


def pilot_test(test):
    """Run an async test with asyncio (no async plugin needed); fixtures pass through."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


#: Rounds of waiting for workers in `settle`: a worker's result can start another (a read, the
#: preview), rarely more than two deep.
SETTLE_ROUNDS = 5


async def settle(pilot) -> None:
    """Wait until the app has handled what is queued and no worker (a read, a run, the preview)
    is left: each round waits for the workers and the messages they send back."""
    await pilot.pause()
    for _ in range(SETTLE_ROUNDS):
        if all(worker.is_finished for worker in pilot.app.workers):
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    if not all(worker.is_finished for worker in pilot.app.workers):
        raise AssertionError(f"workers still running after {SETTLE_ROUNDS} rounds: {list(pilot.app.workers)}")


#: Key names of the characters the tests type that are not their own name.
KEY_NAMES = {" ": "space", "\n": "enter", ".": "full_stop", "!": "exclamation_mark", "-": "minus",
             "[": "left_square_bracket", "]": "right_square_bracket"}


async def type_text(pilot, text: str) -> None:
    """Type `text` as a fast typist (or a terminal handing over a burst) does: every key queued
    at once, then wait until the app has handled them all. (`pilot.press` waits for the app to go
    idle after each key: 50-100 ms a character.) The app handling a burst of keys as it handles
    slow typing is tested by itself (test_tui_app)."""
    from textual import events

    app = pilot.app
    for char in text:
        event = events.Key(KEY_NAMES.get(char, char), "\r" if char == "\n" else char)
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)


async def wait_until(pilot, predicate: Callable[[], object], timeout: float = WAIT_TIMEOUT) -> None:
    """Until `predicate()` is true: for what comes after a debounce or a search, where there is no
    worker to wait for. Fails with the predicate's source line when it never comes true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {_source(predicate)}")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await asyncio.sleep(0.01)  # a poll's interval, not a wait for something: the loop runs meanwhile


def _source(predicate: Callable[[], object]) -> str:
    import inspect

    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return repr(predicate)


class Messages(list):
    """Every message the app and its widgets handled, for `run_test(message_hook=...)`."""

    def __call__(self, message) -> None:
        self.append(message)

    def of(self, kind: type) -> list:
        return [message for message in self if isinstance(message, kind)]

    def notifications(self, severity: str | None = None) -> list[str]:
        """The text of each notification shown, optionally of one severity ("error")."""
        from textual.notifications import Notify

        return [m.notification.message for m in self.of(Notify)
                if severity is None or m.notification.severity == severity]


def drawn_text(widget) -> str:
    """The lines a widget draws now, as plain text (what the learner sees of it)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def shown_errors(root, prefix: str) -> dict[str, str]:
    """The error lines a screen or form shows now, by field: each `.shown` widget whose id is
    `prefix` + the field's name (the Week editor's `week-error-title`, say)."""
    return {
        str(error.id).removeprefix(prefix): str(error.content)
        for error in root.query(".shown")
        if str(error.id or "").startswith(prefix)
    }


def sessions(db_path: Path) -> list[dict]:
    """The sessions in the journal, as the service lists them (what a key press saved)."""
    from tracker import study
    from tracker.store import open_journal

    with open_journal(str(db_path)) as journal:
        return study.list_sessions(journal)


def palette_choice(app) -> str:
    """The command the palette would run on Enter ('' while it has found none)."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    option = found.first().highlighted_option if found else None
    return str(option.prompt) if option is not None else ""
