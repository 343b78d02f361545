"""An unexpected error ends the UI with one line, not a traceback, unless --debug asked for it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.tui import pilot_test  # noqa: E402

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
