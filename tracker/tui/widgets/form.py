"""A form of labelled one-line fields, each with its error line beside it.

The form only collects values and shows errors ("attributes down, messages up"): it posts
`FormView.Submitted` and whoever owns it validates (tracker.tui.forms), saves through a service,
and hands errors back with `show_errors`. Given the same reader as `check`, the form reads its
values again as they change, so an error goes away once its value is good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tracker.display import is_plain, shown
from tracker.tui.forms import FORM, FieldSpec, FormErrors

#: What `check` is: one of tracker.tui.forms' readers with its other arguments given; it raises
#: FormErrors for bad values (what it returns is not used).
Check = Callable[[Mapping[str, Any]], object]


class ShownControls(Highlighter):
    """An input shows its value's control characters as their stand-ins (tracker.display), one
    character for one, so the cursor stays where it is; the value itself is kept as it is."""

    def highlight(self, text: Text) -> None:
        text.plain = shown(text.plain)


def _suggester(suggestions: Iterable[str]) -> SuggestFromList:
    """Completions from the journal's names, leaving out a name with a control character: the
    completion is drawn as it is, and nobody types such a name to get it."""
    return SuggestFromList([name for name in suggestions if is_plain(name)], case_sensitive=False)


class EnterSubmits:
    """For a form's fields that are not text inputs: Enter submits the form, as it does in a text
    field (Textual's checkbox toggles on Enter and its drop-down opens); Space still toggles the
    box or opens the list, and Enter in an open list picks the option (the list has the focus)."""

    class Pressed(Message):
        """Enter on the field: the form submits."""

    def action_submit_form(self) -> None:
        self.post_message(self.Pressed())  # type: ignore[attr-defined]


class FormCheckbox(EnterSubmits, Checkbox):
    """A checkbox that shows its state by its mark, not by colour alone: ✓ ticked, empty not
    (Textual draws an X either way, and some themes colour the two alike)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
        Binding("enter", "submit_form", "Submit", show=False),
    ]
    TICKED, UNTICKED = "✓", " "

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  (Textual's name)
        return self.TICKED if self.value else self.UNTICKED


class FormSelect(EnterSubmits, Select):
    """A drop-down whose Enter submits the form; Space, up and down open the list."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit_form", "Submit", show=False)]


class FormView(Widget):
    """Fields laid out in one or two columns; Enter in any field submits."""

    class Submitted(Message):
        """The learner pressed Enter (or the button): here are the values as typed."""

        def __init__(self, form: FormView, values: dict[str, Any]) -> None:
            super().__init__()
            self.form = form
            self.values = values

        @property
        def control(self) -> FormView:
            return self.form

    def __init__(
        self, fields: Sequence[FieldSpec], *, submit_label: str | None = None, columns: int = 1,
        check: Check | None = None, id: str | None = None, classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.fields = list(fields)
        self.submit_label = submit_label
        self.columns = columns
        #: The reader whose errors `show_errors` shows, to read the fields again as they change.
        self.check = check

    def compose(self) -> ComposeResult:
        with Grid(classes=f"form-grid columns-{self.columns}"):
            for spec in self.fields:
                if spec.kind == "flag":
                    continue
                with Vertical(classes="field wide" if spec.wide else "field", id=f"box-{spec.name}"):
                    with Horizontal(classes="field-row"):
                        yield Label(spec.label, classes="field-label")
                        yield self._widget(spec)
                    yield Static("", classes="field-error", id=f"error-{spec.name}")
        with Horizontal(classes="form-footer"):
            for spec in self.fields:
                if spec.kind == "flag":
                    yield self._widget(spec)
            yield Static("", classes="field-error form-error", id=f"error-{FORM}")
            if self.submit_label:
                yield Button(self.submit_label, variant="primary", compact=True, classes="form-submit")

    def _widget(self, spec: FieldSpec) -> Widget:
        widget_id = f"field-{spec.name}"
        if spec.kind == "choice":
            # The prompt stands for the default choice (blank reads as it), so it is not listed twice.
            choices = [choice for choice in spec.choices if choice != spec.placeholder]
            options = [(choice, choice) for choice in choices]
            value = spec.value if spec.value in choices else Select.NULL
            return FormSelect(options, value=value, prompt=spec.placeholder or "choose", compact=True, id=widget_id)
        if spec.kind == "flag":
            return FormCheckbox(spec.label, value=bool(spec.value), compact=True, id=widget_id)
        suggester = _suggester(spec.suggestions) if spec.suggestions else None
        return Input(str(spec.value or ""), placeholder=spec.placeholder, compact=True, suggester=suggester,
                     id=widget_id, select_on_focus=False, highlighter=ShownControls())

    # -- attributes down ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                found[spec.name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                found[spec.name] = widget.value  # type: ignore[attr-defined]
        return found

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                widget.value = value if value else Select.NULL
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            else:
                widget.value = "" if value is None else str(value)  # type: ignore[attr-defined]

    def set_suggestions(self, name: str, suggestions: Iterable[str]) -> None:
        self.query_one(f"#field-{name}", Input).suggester = _suggester(suggestions)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Name each bad value beside its field; focus the first bad field."""
        self.clear_errors()
        first = None
        for name, line in errors.items():
            target = name if self.query(f"#error-{name}") else FORM
            before = str(self.query_one(f"#error-{target}", Static).content)
            self._set_error(target, f"{before}; {line}" if before else line)
            if target != FORM and first is None:
                first = name
        if first:
            self.focus_field(first)

    def _set_error(self, name: str, line: str) -> None:
        """Show `line` beside a field (FORM: under the form), or hide its error when empty."""
        error = self.query_one(f"#error-{name}", Static)
        # Content, not str: an error may quote a name, and `[x]` in it is not markup.
        error.update(Content(shown(line)))
        error.set_class(bool(line), "shown")

    def clear_errors(self) -> None:
        # Only the shown ones: each update re-lays the screen out.
        for error in self.query(".field-error.shown"):
            error.update("")  # type: ignore[attr-defined]
            error.remove_class("shown")

    def errors(self) -> dict[str, str]:
        """The errors shown now, by field (what `show_errors` put up and the learner has not fixed)."""
        return {
            str(error.id).removeprefix("error-"): str(error.content)  # type: ignore[attr-defined]
            for error in self.query(".field-error.shown")
        }

    def focus_field(self, name: str) -> None:
        self.query_one(f"#field-{name}").focus()

    # -- messages up -------------------------------------------------------------------------------
    @on(Input.Submitted)
    def _submit_from_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(EnterSubmits.Pressed)
    def _submit_from_choice(self, event: EnterSubmits.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_changed(self, event: Message) -> None:
        """Read the fields again while an error is shown beside one: each error whose value is
        good now goes, one that changed says what is wrong now. Errors are not added here (a
        field not filled in yet is not wrong yet); Enter names them all."""
        showing = {name: line for name, line in self.errors().items() if name != FORM}
        if not showing or self.check is None:
            return
        try:
            self.check(self.values())
            found: dict[str, str] = {}
        except FormErrors as err:
            found = err.errors
        for name, line in showing.items():
            if name not in found:
                self._set_error(name, "")
            elif shown(found[name]) != line:
                self._set_error(name, found[name])

    @on(Button.Pressed, ".form-submit")
    def _submit_from_button(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        self.post_message(self.Submitted(self, self.values()))
