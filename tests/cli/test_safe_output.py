"""What the command line prints of learner text is safe for a terminal: a note, a URL, a project or
a week's title holding escape sequences is shown with visible stand-ins, never sent as they are;
JSON keeps the text exact (escaped), and the journal keeps it as typed."""

from __future__ import annotations

import json
import re

from tracker.store import open_journal

#: Blanks the screen, renames the terminal window, rings the bell; U+009B is CSI on some terminals.
HOSTILE = "note \x1b[2J\x1b]0;owned\x07 \x9b6n end"
#: What a table shows of it: one stand-in per control character.
SHOWN = "note ␛[2J␛]0;owned␇ \ufffd6n end"
#: Any control character but a line break: what must never reach the terminal.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def assert_safe(text: str) -> None:
    found = CONTROL.findall(text)
    assert not found, f"control characters reach the terminal: {found!r} in {text!r}"


def test_a_note_with_escape_sequences_is_shown_not_obeyed(cli, db_path) -> None:
    logged = cli("log", "10m", "Activations", HOSTILE)
    assert logged.exit_code == 0, logged.output
    listed = cli("sessions")
    assert listed.exit_code == 0, listed.output
    assert_safe(logged.stdout + listed.stdout)
    assert SHOWN in listed.stdout
    with open_journal(str(db_path)) as journal:  # the journal keeps what was typed
        assert journal.scalar("SELECT note FROM study_session") == HOSTILE


def test_json_keeps_the_text_exact_with_its_controls_escaped(cli) -> None:
    cli("log", "10m", "Activations", HOSTILE)
    result = cli("sessions", "--json")
    assert result.exit_code == 0, result.output
    assert_safe(result.stdout)
    assert "\\u009b" in result.stdout
    assert json.loads(result.stdout)[0]["note"] == HOSTILE


def test_projects_urls_week_titles_and_learn_later_items_are_shown_safely(cli) -> None:
    assert cli("milestone", "add", "Ship it", "--project", "Thesis\x1b[5m", "--url", "https://x.example/\x1b]8;;evil\x07").exit_code == 0
    assert cli("log", "10m", "Activations").exit_code == 0
    assert cli("later", "add", "Activations", "GELU\x1b[2J vs ReLU").exit_code == 0
    noted = cli("week", "note", "--title", "The \x1b[2J reboot", "--text", "Line one\n\x1b]0;owned\x07 line two")
    assert noted.exit_code == 0, noted.output
    outputs = [cli("milestone", "list"), cli("later", "list"), cli("week", "note"), cli("week")]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert_safe(result.stdout)
    assert "Thesis␛[5m" in outputs[0].stdout
    assert "GELU␛[2J vs ReLU" in outputs[1].stdout
    assert "The ␛[2J reboot" in outputs[2].stdout and "Line one\n␛]0;owned␇ line two" in outputs[2].stdout

