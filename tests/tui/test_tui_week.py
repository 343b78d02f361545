"""Pilot tests of the Week screen: the note typed and saved, the post's preview, the post file."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.tui import (  # noqa: E402
    pilot_test,
    settle,
    shown_errors,
    tracker_app,
    type_text,
    wait_until,
)

from tracker import study  # noqa: E402
from tracker.config import load_settings  # noqa: E402
from tracker.store import open_journal  # noqa: E402

POST_FILE = "2026-11-16-my-week-in-ml.md"  # the week's first day


async def open_week(pilot) -> None:
    await settle(pilot)
    await pilot.press("escape", "6")
    await settle(pilot)  # the first preview is drawn at once; only typing waits for a pause
    assert pilot.app.screen.NAME == "week"


def note(db_path: Path, week: str) -> dict | None:
    with open_journal(str(db_path)) as journal:
        return study.get_week_note(journal, week)


def errors(screen) -> dict[str, str]:
    """The errors the Week editor shows now, by field."""
    return shown_errors(screen, "week-error-")


def preview(app) -> str:
    from textual.widgets import Markdown

    return app.screen.query_one("#week-preview-md", Markdown).source


@pilot_test
async def test_a_reflection_typed_and_saved_lands_in_the_journal_and_the_preview(db_path: Path) -> None:
    from tracker.tui.screens.week import WeekNoteSaved

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_week(pilot)
        screen = app.screen
        assert app.focused.id == "week-preview"  # number keys still switch screens
        assert "A quiet week: no study logged." in preview(app)
        await pilot.press("e")
        assert app.focused.id == "week-title-field"  # the note's first field
        await pilot.press("tab")
        assert app.focused.id == "week-reflection"
        await type_text(pilot, "It clicked")
        await pilot.press("tab")
        await type_text(pilot, "- CNNs")
        await wait_until(pilot, lambda: "- CNNs" in preview(app))  # once the typing has paused
        assert "It clicked" in preview(app) and "Nothing planned yet" not in preview(app)
        assert "unsaved" in str(screen.query_one("#week-state").content)
        assert note(db_path, "2026-W47") is None  # typing alone saves nothing

        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = note(db_path, "2026-W47")
        assert (saved["reflection"], saved["next_plan"], saved["title"]) == ("It clicked", "- CNNs", "")
        assert "saved" in str(screen.query_one("#week-state").content)
        assert [type(m) for m in app.changes] == [WeekNoteSaved]
        await pilot.press("enter")  # a trailing blank line is not a change: the journal strips it
        assert not screen.dirty

        # The preview is the post service's rendering: the rendered Markdown has the paragraph.
        from textual.widgets.markdown import MarkdownBlock

        blocks = [str(block.content) for block in screen.query_one("#week-preview-md").query(MarkdownBlock)]
        assert any("It clicked" in text for text in blocks)


@pilot_test
async def test_bad_values_are_named_beside_their_fields_and_nothing_is_written(db_path: Path, tmp_path: Path) -> None:
    from textual.widgets import Input

    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_week(pilot)
        screen = app.screen
        screen.query_one("#week-title-field", Input).value = "x" * 201
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "title is 201 characters; the limit is 200" in errors(screen)["title"]
        assert app.focused.id == "week-title-field"
        assert note(db_path, "2026-W47") is None
        screen.query_one("#week-title-field", Input).value = "The reboot"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert errors(screen) == {}
        assert note(db_path, "2026-W47")["title"] == "The reboot"

        # The post's folder is a file: said in the dialog, the file left alone.
        await pilot.press("ctrl+o")
        await settle(pilot)
        form = app.screen.form
        form.set_values({"folder": str(blocker)})
        form.focus_field("folder")
        await pilot.press("enter")
        await settle(pilot)
        assert "is a file, not a folder" in form.errors()["folder"]
        assert blocker.read_text() == "mine\n"


@pilot_test
async def test_the_post_is_written_to_a_folder_and_an_existing_file_is_replaced_only_when_asked(
    db_path: Path, tmp_path: Path,
) -> None:
    from tracker.tui.dialogs.confirm import ConfirmDialog
    from tracker.tui.dialogs.form_dialog import FormDialog

    posts = tmp_path / "_posts"
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_week(pilot)
        await pilot.press("e", "tab")  # past the title, to the reflection
        await type_text(pilot, "First post")
        await pilot.press("ctrl+o")  # unsaved text is saved first, so the file and journal agree
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.form.values()["folder"] == str(Path.cwd())
        dialog.form.set_values({"folder": str(posts)})
        dialog.form.focus_field("folder")
        await pilot.press("enter")
        await settle(pilot)
        written = posts / POST_FILE
        assert app.screen.NAME == "week" and written.is_file()
        text = written.read_text()
        assert text.startswith("---\nlayout: post\n") and "First post" in text
        assert note(db_path, "2026-W47")["reflection"] == "First post"
        assert load_settings().posts_folder == str(posts)  # as `tracker week --out` remembers it

        # A second write into the same folder asks first; "n" keeps the file as it was.
        app.screen.query_one("#week-reflection").focus()
        await type_text(pilot, "!")
        for answer in ("n", "y"):
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert app.screen.form.values()["folder"] == str(posts)  # remembered from the first post
            app.screen.form.set_values({"folder": str(posts)})
            app.screen.form.focus_field("folder")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press(answer)
            await settle(pilot)
            replaced = "First post!" in written.read_text()
            assert replaced == (answer == "y")
        assert [p.name for p in posts.iterdir()] == [POST_FILE]


@pilot_test
async def test_weeks_change_with_keys_and_unsaved_text_is_not_lost_silently(db_path: Path) -> None:
    from textual.widgets import TextArea

    from tracker.tui.dialogs.confirm import ConfirmDialog

    with open_journal(str(db_path)) as journal:
        study.set_week_note(journal, "2026-W46", title="Steady", reflection="Seven days of CNNs")
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_week(pilot)
        screen = app.screen
        await pilot.press("escape", "p")
        await settle(pilot)
        assert screen.week.name == "2026-W46"
        assert screen.query_one("#week-reflection", TextArea).text == "Seven days of CNNs"
        assert "Seven days of CNNs" in preview(app) and "Steady" in preview(app)

        screen.query_one("#week-reflection", TextArea).focus()
        await type_text(pilot, "!")
        await pilot.press("escape", "n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert screen.week.name == "2026-W46" and screen.dirty
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("y")  # discard
        await settle(pilot)
        assert screen.week.name == "2026-W47" and not screen.dirty
        assert note(db_path, "2026-W46")["reflection"] == "Seven days of CNNs"


@pilot_test
async def test_quitting_with_an_unsaved_note_asks_first(db_path: Path) -> None:
    from textual.widgets import TextArea

    from tracker.tui.dialogs.confirm import ConfirmDialog

    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_week(pilot)
        screen = app.screen
        screen.query_one("#week-reflection", TextArea).focus()
        await type_text(pilot, "Half a thought")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "quitting asks before dropping the note"
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and screen.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not app.is_running
    assert note(db_path, "2026-W47")["reflection"] == "Half a thought"
