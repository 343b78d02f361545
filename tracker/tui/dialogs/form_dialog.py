"""A dialog around a FormView: it saves through the callable it is given, shows errors beside
their fields, and returns what was saved (None when cancelled)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.display import shown
from tracker.errors import JournalBusy, TrackerError
from tracker.tui.forms import FORM, FieldSpec, FormErrors
from tracker.tui.widgets.form import Check, FormView

T = TypeVar("T")


class FormDialog(ModalScreen[T | None], Generic[T]):
    """`save(values)` writes and returns the result, or raises FormErrors / TrackerError. `check`,
the reader `save` calls first, lets an error go as soon as its field is good (FormView.check)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, fields: Sequence[FieldSpec], save: Callable[[Mapping[str, Any]], T], *,
        submit_label: str = "Save", hint: str = "", check: Check | None = None, id: str | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen", id=id)
        self.title_text = title
        self.fields = fields
        self.save = save
        self.submit_label = submit_label
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = escape(shown(self.title_text))
            box.border_subtitle = "Enter saves · Esc cancels"
            if self.hint:
                yield Static(Content(shown(self.hint, lines=True)), classes="dialog-hint")
            yield FormView(self.fields, submit_label=self.submit_label, check=self.check, id="dialog-form")

    @property
    def form(self) -> FormView:
        return self.query_one(FormView)

    @on(FormView.Submitted)
    def _submitted(self, event: FormView.Submitted) -> None:
        event.stop()
        try:
            result = self.save(event.values)
        except FormErrors as err:
            self.form.show_errors(err.errors)
            return
        except TrackerError as err:
            # With one field the service's complaint can only be about it, unless it is about the
            # journal: another tracker keeping it busy. Either way the dialog stays, as typed.
            field = self.fields[0].name if len(self.fields) == 1 and not isinstance(err, JournalBusy) else FORM
            self.form.show_errors({field: err.line})
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
