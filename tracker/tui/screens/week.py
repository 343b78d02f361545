"""Week: the week's reflection and next week's plan, beside a live preview of the "My Week in ML"
post, which a key writes to a file.

The preview is the post service's own rendering (build_week + the default template), with the
text as typed, so what is shown is what the file will say. Jinja2 runs in a worker, 300 ms after
the last keystroke, and again after any change to the journal (the post sums up all of it); a
preview that fails is reported by the app, and the last one stays. The file is composed afresh
when it is written: it is the journal as it is at that moment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Label, Markdown, Static, TextArea
from textual.worker import Worker, get_current_worker

from tracker import parse, study
from tracker.config import POSTS_FOLDER
from tracker.errors import Msg, TrackerError
from tracker.post import ComposedPost, WeekNoteText, compose_week_post, remember_posts_folder, write_atomic
from tracker.store import Journal, Row
from tracker.tui.dialogs.confirm import ConfirmDialog
from tracker.tui.dialogs.form_dialog import FormDialog
from tracker.tui.forms import FORM, FieldSpec, FormErrors
from tracker.tui.messages import JournalChanged
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.week_draft import (
    NOTE_FIELDS,
    Draft,
    Rendered,
    WeekData,
    post_target,
    read_note,
)
from tracker.tui.widgets.markdown import TrackerMarkdown

#: Seconds after the last keystroke before the preview is drawn again: typing stays smooth and
#: the template is not rendered for every letter.
PREVIEW_DELAY = 0.3

class WeekNoteSaved(JournalChanged):
    def __init__(self, row: Row) -> None:
        super().__init__(row, f"Saved the note for {row['week']}.")


class WeekScreen(TrackerScreen):
    NAME = "week"
    #: The preview, not the editor: flipping through screens with number keys must not type
    #: digits into the note. `e` (or a click) starts writing.
    AUTO_FOCUS = "#week-preview"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note"),
        Binding("ctrl+o", "write_post", "Write post"),
        Binding("p", "week(-1)", "Prev week"),
        Binding("n", "week(1)", "Next week"),
        Binding("w", "this_week", "This week"),
        Binding("e", "edit", "Edit"),
        Binding("escape", "leave_editor", "Leave the editor", show=False),
    ]
    HELP_EXTRA = (
        ("tab / shift+tab", "Title, reflection, plan for next week"),
        ("esc", "Leave the editor: then p / n / w change the week, and number keys switch screens"),
    )

    def __init__(self) -> None:
        super().__init__()
        #: A day in the week shown.
        self.day: date = self.tracker.today()
        #: The note as saved in the journal, for the week shown.
        self.saved: Draft | None = None
        self.week: WeekData | None = None
        #: The latest rendering of the post (what the preview shows).
        self.rendered: Rendered | None = None
        self._preview_timer: Timer | None = None
        #: The worker rendering the latest text; what older ones render is not shown.
        self._preview_worker: Worker | None = None
        #: Completes once the latest preview's blocks are mounted.
        self._preview_mounted: AwaitComplete | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="screen-header"):
            yield Static("", id="week-heading")
            yield Static("", id="week-state")
        with Horizontal(id="week-body"):
            with Vertical(id="week-editor", classes="panel") as editor:
                editor.border_title = "Note"
                editor.border_subtitle = "^s saves · ^o writes the post"
                with Horizontal(id="week-title-row"):
                    yield Label("Title", classes="week-label")
                    yield Input(placeholder="The reboot (optional)", compact=True, id="week-title-field",
                                select_on_focus=False)
                yield Static("", classes="week-error", id="week-error-title")
                yield Label("Reflection", classes="week-label")
                yield TextArea(id="week-reflection", soft_wrap=True, tab_behavior="focus", compact=True,
                               placeholder="Two lines on how the week went (Markdown)")
                yield Static("", classes="week-error", id="week-error-reflection")
                yield Label("Plan for next week", classes="week-label")
                yield TextArea(id="week-plan", soft_wrap=True, tab_behavior="focus", compact=True,
                               placeholder="- Finish chapter 4 (Markdown; empty: the post lists what is open)")
                yield Static("", classes="week-error", id="week-error-plan")
                yield Static("", classes="week-error", id=f"week-error-{FORM}")
            with VerticalScroll(id="week-preview", classes="panel") as preview:
                preview.border_title = "Preview"
                yield TrackerMarkdown("", id="week-preview-md")

    # -- reading -------------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> WeekData:
        name, start, end = parse.week_bounds(self.day, self.tracker.settings.week_start_index)
        return WeekData(name, start, end, Draft.from_row(study.get_week_note(journal, name)))

    def show(self, week: WeekData) -> None:
        other_week = self.week is None or self.week.name != week.name
        keep_typing = not other_week and self.dirty
        self.week = week
        self.saved = week.saved
        this_week = " (this week)" if week.start <= self.tracker.today() <= week.end else ""
        self.query_one("#week-heading", Static).update(
            f"{week.name} · {week.start:%d %b} – {week.end:%d %b}{this_week}"
        )
        if not keep_typing:
            self._clear_errors()
            self._set_draft(week.saved)
        self._update_state()
        self._preview_now(force=True)  # the week's sessions may have changed too, not only the note
        self.refresh_bindings()

    def refresh_derived(self) -> None:
        self._preview_now(force=True)  # the note is as it was; the sessions, say, may not be

    async def settle(self) -> None:
        await super().settle()
        if self._preview_mounted is not None:
            await self._preview_mounted

    # -- the editor ----------------------------------------------------------------------------------
    def draft(self) -> Draft:
        return Draft(
            self.query_one("#week-title-field", Input).value,
            self.query_one("#week-reflection", TextArea).text,
            self.query_one("#week-plan", TextArea).text,
        )

    def _set_draft(self, draft: Draft) -> None:
        self.query_one("#week-title-field", Input).value = draft.title
        for widget_id, text in (("#week-reflection", draft.reflection), ("#week-plan", draft.plan)):
            area = self.query_one(widget_id, TextArea)
            if area.text != text:
                area.load_text(text)

    @property
    def dirty(self) -> bool:
        """The editor holds text that is not saved (a loaded note is not dirty)."""
        return self.saved is not None and self.is_mounted and self.draft().stripped() != self.saved.stripped()

    def unsaved(self) -> list[str]:
        """For the quit question: the note being written."""
        return [Msg.UNSAVED_NOTE.value.format(week=self.week.name)] if self.dirty and self.week is not None else []

    def _update_state(self) -> None:
        state = self.query_one("#week-state", Static)
        if self.dirty:
            state.update(Content.from_markup("[$text-warning]● unsaved: ctrl+s saves[/]"))
        elif self.saved and any(dataclasses.astuple(self.saved)):
            state.update(Content.from_markup("[$text-success]saved ✓[/]"))
        else:
            state.update(Content.from_markup("[dim]no note yet[/dim]"))

    @on(Input.Changed, "#week-title-field")
    @on(TextArea.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        if self.saved is None:
            return  # the fields are being filled before the first read
        self._update_state()
        self._preview_soon()

    @on(Input.Submitted, "#week-title-field")
    def _title_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#week-reflection", TextArea).focus()

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        self._clear_errors()
        first = None
        for field, line in errors.items():
            target = field if field in NOTE_FIELDS else FORM
            error = self.query_one(f"#week-error-{target}", Static)
            error.update(line)
            error.add_class("shown")
            first = first or (field if field in NOTE_FIELDS else None)
        if first:
            self.query_one({"title": "#week-title-field", "reflection": "#week-reflection", "plan": "#week-plan"}[first]).focus()

    def _clear_errors(self) -> None:
        for error in self.query(".week-error"):
            error.update("")  # type: ignore[attr-defined]
            error.remove_class("shown")

    # -- the preview ---------------------------------------------------------------------------------
    def _preview_soon(self) -> None:
        """Render the preview once the typing pauses (each keystroke restarts the wait)."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_now)

    def _preview_now(self, then: Callable[[Rendered], None] | None = None, force: bool = False) -> None:
        if self.week is None:
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        draft = self.draft()
        current = self.rendered
        fresh = current is not None and (current.week, current.draft) == (self.week.name, draft)
        if fresh and not force and then is None:
            return
        self._preview_worker = self._render_post(self.week, draft, then)

    @work(thread=True, group="preview", exit_on_error=False, description="Drawing the post's preview")
    def _render_post(self, week: WeekData, draft: Draft, then: Callable[[Rendered], None] | None) -> None:
        composed = self._compose_post(week, draft)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        rendered = Rendered(week.name, draft, composed.text, composed.body, composed.filename)
        self.app.call_from_thread(self._show_preview, rendered, worker, then)

    def _compose_post(self, week: WeekData, draft: Draft) -> ComposedPost:
        """The post from the journal as it is now, with the note as typed (any thread)."""
        note = WeekNoteText(draft.title.strip(), draft.reflection.strip(), draft.plan.strip())
        with self.tracker.journal() as journal:
            return compose_week_post(journal, week.start, self.tracker.settings, self.tracker.now(), note=note)

    def _show_preview(self, rendered: Rendered, worker: Worker, then: Callable[[Rendered], None] | None) -> None:
        if then is not None:
            then(rendered)
        if worker is not self._preview_worker:
            return  # newer text is being rendered already
        same = self.rendered is not None and self.rendered.body == rendered.body
        self.rendered = rendered
        if not same:  # mounting the blocks again is what costs
            self._preview_mounted = self.query_one("#week-preview-md", Markdown).update(rendered.body)
        self.query_one("#week-preview").border_subtitle = rendered.filename

    def worker_failed(self, worker: Worker) -> None:
        """A preview that did not render (a learner's own template, say): the app has said why;
        the last preview stays, marked."""
        super().worker_failed(worker)
        if worker is self._preview_worker:
            failed = "the template failed" if isinstance(worker.error, TrackerError) else "the preview failed"
            self.query_one("#week-preview").border_subtitle = failed

    # -- actions -------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "write_post"):
            return self.week is not None
        return True

    def action_save(self) -> bool:
        """Save the note; False (with the errors beside their fields) when a value is refused."""
        if self.week is None:
            return False
        try:
            values = read_note(self.draft())
            with self.tracker.journal() as journal:
                row = study.set_week_note(journal, self.week.name, **values)
        except FormErrors as err:
            self._show_errors(err.errors)
            return False
        except TrackerError as err:
            self._show_errors({FORM: err.line})
            return False
        self._clear_errors()
        self.saved = Draft.from_row(row)
        self.week = dataclasses.replace(self.week, saved=self.saved)
        if self.data is not None:
            self.data = self.week
        self._update_state()
        self.post_message(WeekNoteSaved(row))
        return True

    def action_write_post(self) -> None:
        """Write the post into a folder; unsaved note changes are saved first, so the file and the
        journal say the same."""
        if self.week is None or (self.dirty and not self.action_save()):
            return
        draft = self.draft()
        current = self.rendered
        if current is not None and (current.week, current.draft) == (self.week.name, draft):
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._ask_folder(current)
        else:
            self._preview_now(then=self._ask_folder)

    def _ask_folder(self, rendered: Rendered) -> None:
        def save(values: Mapping[str, Any]) -> tuple[Path, bool]:
            path = post_target(str(values.get("folder") or ""), rendered.filename)
            if path.exists():
                return path, False  # asked about below, once the dialog has closed
            return self._write(path, rendered, force=False), True

        def done(result: tuple[Path, bool] | None) -> None:
            if result is None:
                return
            path, written = result
            if written:
                self._written(path, rendered.filename)
            else:
                self._ask_overwrite(path, rendered)

        folder = self.tracker.settings.folder(POSTS_FOLDER) or Path.cwd()
        fields = [FieldSpec("folder", "Folder", value=str(folder), placeholder="where to write it, like _posts")]
        hint = f"Writes {rendered.filename} ({rendered.week}) into this folder."
        self.app.push_screen(
            FormDialog("Write the post", fields, save, submit_label="Write", hint=hint, id="post-dialog"), done,
        )

    def _ask_overwrite(self, path: Path, rendered: Rendered) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._written(self._write(path, rendered, force=True), rendered.filename)
            except TrackerError as err:
                self.notify(err.line, severity="error")

        self.app.push_screen(ConfirmDialog(f"{path} exists. Replace it?", yes="Replace"), answered)

    def _write(self, path: Path, rendered: Rendered, force: bool) -> Path:
        """Write the post composed now: the journal at this moment (the preview may be a poll
        behind it), with the note as it was when writing was asked for."""
        week = self.week
        text = self._compose_post(week, rendered.draft).text if week is not None else rendered.text
        return write_atomic(path, text, force=force)

    def _written(self, path: Path, filename: str) -> None:
        """Told, and the first folder a post goes into is remembered (as `tracker week --out` does)."""
        self.notify(f"Wrote {path}.", timeout=5)
        if note := remember_posts_folder(path, filename):
            self.notify(note, timeout=8)
            if not self.tracker.settings.posts_folder:
                self.tracker.settings = dataclasses.replace(self.tracker.settings, posts_folder=str(path.absolute().parent))

    def action_week(self, step: int) -> None:
        self._go_to(self.day + timedelta(days=7 * step))

    def action_this_week(self) -> None:
        self._go_to(self.tracker.today())

    def _go_to(self, day: date) -> None:
        if self.week is not None and parse.week_bounds(day, self.tracker.settings.week_start_index)[0] == self.week.name:
            self.day = day
            return  # the week shown already

        def go(yes: bool | None = True) -> None:
            if yes:
                self.day = day
                self.reload()

        if self.dirty and self.week is not None:
            question = f"The note for {self.week.name} has unsaved changes. Discard them?"
            self.app.push_screen(ConfirmDialog(question, yes="Discard"), go)
        else:
            go()

    def action_edit(self) -> None:
        """Into the note at its first field, the title; Tab goes on to the reflection."""
        self.query_one("#week-title-field", Input).focus()

    def action_leave_editor(self) -> None:
        self.query_one("#week-preview").focus()
