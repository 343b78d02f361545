"""What is shown of learner text is safe: control characters as visible stand-ins for a terminal
(tracker.display), and learner strings as text, not HTML, in the dashboard's plotly figures."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tracker.config import Settings
from tracker.display import is_plain, shown


def test_escape_sequences_are_drawn_one_stand_in_for_one_character() -> None:
    note = "note \x1b[2J\x1b]0;title\x07 \x00\x7f\x9b end"
    assert shown(note) == "note ␛[2J␛]0;title␇ ␀␡\ufffd end"
    assert len(shown(note)) == len(note)  # widths, cuts and an input's cursor stay right


def test_one_line_shows_line_breaks_and_tabs_too_several_lines_keep_them() -> None:
    assert shown("a\nb\tc\rd") == "a␊b␉c␍d"
    assert shown("# Notes\r\n\tcode\n\x1b[31mred", lines=True) == "# Notes\n\tcode\n␛[31mred"


@given(st.text())
def test_nothing_shown_is_a_control_character_and_ordinary_text_is_kept(text: str) -> None:
    one_line, lines = shown(text), shown(text, lines=True)
    assert not any(unicodedata.category(char) == "Cc" for char in one_line)
    assert not any(unicodedata.category(char) == "Cc" for char in lines if char not in "\n\t")
    assert shown(one_line) == one_line  # showing twice changes nothing
    if not any(unicodedata.category(char) == "Cc" for char in text):
        assert one_line == text and lines == text and is_plain(text)


# -- the dashboard ----------------------------------------------------------------------------
LINK = '<a href="https://evil.example">x</a>'


def _plotly_strings(page: str) -> list[str]:
    """Every string in the JSON the page hands to Plotly.newPlot (data, layout, config), decoded:
    plotly writes `<` as `\\u003c` there, and draws what the decoded string says."""
    decoder = json.JSONDecoder()
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for call in re.finditer(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*", page):
        position = call.end()
        for _argument in range(3):
            value, position = decoder.raw_decode(page, position)
            walk(value)
            position = re.compile(r"\s*[,)]\s*").match(page, position).end()
    return found


def test_the_dashboard_shows_learner_html_as_text(journal, tmp_path: Path) -> None:
    from tracker.charts.dashboard import make_dashboard
    from tracker.plan import add_resource
    from tracker.store import stamps
    from tracker.study import log_session

    add_resource(journal, f"Book {LINK}", hours=10, status="active")
    for day in (date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 20)):
        log_session(journal, minutes=40, topic=f"Topic {LINK}", day=day, resource=f"Book {LINK}", stuck=True)
    journal.insert(
        "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, created_at, updated_at) "
        "VALUES (:name, 0, :message, 0.1, '', '2026-11-20T10:00:00Z', :created_at, :updated_at) RETURNING id",
        {"name": f"notes.md#{LINK}", "message": f"expected {LINK} & <b>more</b>", **stamps()},
    )
    dashboard = make_dashboard(journal, Settings(), date(2026, 11, 21), tmp_path / "out")
    assert {chart.name for chart in dashboard.drawn} >= {"weekly-topics", "resources", "when-and-how", "checkpoints"}
    strings = _plotly_strings(dashboard.path.read_text(encoding="utf-8"))
    assert strings, "no plotly figure found on the page"
    assert not [text for text in strings if "<a " in text or "<b>more" in text]
    escaped = "&lt;a href=\"https://evil.example\"&gt;x&lt;/a&gt;"
    for where in (f"Topic {escaped}", f"Book {escaped}", f"notes.md#{escaped}", "expected " + escaped + " &amp; &lt;b&gt;"):
        assert any(where in text for text in strings), where
