"""An unexpected error ends the UI with one line, not a traceback, unless --debug asked for it; one
in a worker is one notification, and the UI goes on."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.tui import Messages, pilot_test, settle, tracker_app  # noqa: E402

from tracker.config import Settings  # noqa: E402


def _broken(*_args, **_kwargs):
    raise RuntimeError("disk on fire")


@pytest.mark.parametrize("debug", [False, True])
@pilot_test
async def test_a_crash_is_one_line_unless_debug(db_path: Path, monkeypatch, capsys, debug: bool) -> None:
    from tracker.tui import data
    from tracker.tui.app import make_app

    app = make_app(str(db_path), Settings(), now=NOW)
    app.show_tracebacks = debug
    monkeypatch.setattr(data, "today_data", _broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        async with app.run_test() as pilot:
            await pilot.pause()
    printed = " ".join(capsys.readouterr().err.split())
    if debug:
        assert "Traceback" in printed and "_broken" in printed
    else:
        assert "tracker: unexpected error: RuntimeError: disk on fire. Run again with --debug to see the traceback." in printed
        assert "Traceback" not in printed and "_broken" not in printed


@pytest.mark.parametrize("debug", [False, True])
@pilot_test
async def test_a_worker_that_dies_is_one_notification_unless_debug(db_path: Path, monkeypatch, capsys,
                                                                   debug: bool) -> None:
    from tracker.tui import data

    messages = Messages()
    app = tracker_app(db_path)
    app.show_tracebacks = debug
    with pytest.raises(RuntimeError, match="disk on fire") if debug else nullcontext():
        async with app.run_test(message_hook=messages) as pilot:
            await settle(pilot)
            monkeypatch.setattr(data, "today_data", _broken)
            await pilot.press("ctrl+r")  # Today reads again, in a worker
            await settle(pilot)
            if not debug:
                assert messages.notifications("error") == ["Reading the journal failed: RuntimeError: disk on fire"]
                assert app.is_running
    printed = capsys.readouterr().err
    assert ("Traceback" in printed) == debug
