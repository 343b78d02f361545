"""The private parts of Textual that tracker.tui.compat relies on: each test fails naming the API
when a Textual upgrade changes it (then change compat.py, and only it)."""

from __future__ import annotations

import inspect

import pytest

pytest.importorskip("textual")

from testkit.tui import pilot_test  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Input, Static, TextArea  # noqa: E402

from tracker.tui import compat  # noqa: E402


def private_api(owner: object, name: str, used_by: str) -> object:
    """The attribute, or a failure that names it and what in compat needs it."""
    owner_name = getattr(owner, "__name__", type(owner).__name__)
    assert hasattr(owner, name), (
        f"Textual changed: {owner_name}.{name} is gone; tracker.tui.compat.{used_by} relies on it"
    )
    return getattr(owner, name)


class Plain(Screen):
    def compose(self) -> ComposeResult:
        yield Static("a line of text", id="text")


class TwoModes(compat.OneLineFatalErrors, compat.SwitchWithoutHold, App):
    MODES = {"first": Plain, "second": Plain}
    DEFAULT_MODE = "first"

    def __init__(self) -> None:
        super().__init__()
        self.holds = 0
        self.crashes: list[BaseException | None] = []

    def delay_update(self, delay: float = 0.05) -> None:
        self.holds += 1  # counted before SwitchWithoutHold decides
        super().delay_update(delay)

    def fatal_error_line(self, error: BaseException | None) -> str | None:
        self.crashes.append(error)
        return "one line"


@pilot_test
async def test_app_fatal_error_is_where_an_unhandled_exception_ends_the_app(capsys) -> None:
    private_api(App, "_fatal_error", "OneLineFatalErrors")

    class Crashes(TwoModes):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

    app = Crashes()
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test() as pilot:
            await pilot.pause()
    assert [str(error) for error in app.crashes] == ["boom"], "App._fatal_error was not called on a crash"
    assert "one line" in capsys.readouterr().err and "Traceback" not in capsys.readouterr().err


@pilot_test
async def test_switch_mode_holds_frames_through_delay_update() -> None:
    app = TwoModes()
    async with app.run_test() as pilot:
        app.switch_mode("second")
        await pilot.pause()
        assert app.holds == 1, "App.switch_mode no longer calls App.delay_update (SwitchWithoutHold)"
        app.switch_mode_now("first")
        await pilot.pause()
        assert app.current_mode == "first"
        assert app.holds == 2  # called, and passed over: nothing held


@pilot_test
async def test_app_init_mode_builds_a_screen_without_showing_it() -> None:
    private_api(App, "_init_mode", "build_mode")
    built: list[Screen] = []

    def build() -> Screen:
        built.append(Plain())
        return built[-1]

    app = TwoModes()
    app.add_mode("third", build)
    async with app.run_test() as pilot:
        await compat.build_mode(app, "third")
        await pilot.pause()
        assert len(built) == 1 and built[0].query_one("#text").is_mounted, "App._init_mode built no screen"
        assert app.current_mode == "first" and app.screen is not built[0]
        app.switch_mode("third")
        await pilot.pause()
        assert app.screen is built[0] and len(built) == 1  # the same screen, built once


@pilot_test
async def test_the_stylesheet_count_says_when_a_screen_must_be_styled_again() -> None:
    app = TwoModes()
    async with app.run_test() as pilot:
        assert isinstance(private_api(app, "_css_update_count", "mark_styles_current"), int)
        screen = app.screen
        assert isinstance(private_api(screen, "_css_update_count", "styles_current"), int)
        compat.mark_styles_current(screen)
        assert compat.styles_current(screen)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        assert not compat.styles_current(screen), "a theme change no longer bumps App._css_update_count"
        await pilot.pause()
        assert compat.styles_current(screen), "Textual no longer sets Screen._css_update_count when it restyles"


@pilot_test
async def test_a_screen_is_laid_out_and_drawn_while_another_is_shown() -> None:
    private_api(Screen, "_refresh_layout", "lay_out")
    app = TwoModes()
    async with app.run_test(size=(60, 10)) as pilot:
        hidden = Plain()
        app.install_screen(hidden, "hidden")
        app.push_screen("hidden")
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert not hidden.is_current
        compat.lay_out(hidden)
        assert hidden.query_one("#text").size.width == 60
        private_api(hidden, "_compositor", "draw_offscreen")
        compat.draw_offscreen(hidden)


def test_datatable_render_cell_is_the_hook_for_every_cell() -> None:
    render_cell = private_api(DataTable, "_render_cell", "CellCacheTable")
    parameters = list(inspect.signature(render_cell).parameters)
    assert parameters == ["self", "row_index", "column_index", "base_style", "width", "cursor", "hover"], (
        f"Textual changed DataTable._render_cell's arguments to {parameters} (CellCacheTable)"
    )


@pilot_test
async def test_a_cell_cache_table_renders_only_the_rows_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[int] = []
    render_cell = DataTable._render_cell

    def counted(self, row_index, *args, **kwargs):
        rendered.append(row_index)
        return render_cell(self, row_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counted)

    class Table(compat.CellCacheTable):
        def row_content(self, key):
            return key

    class Shows(App):
        def compose(self) -> ComposeResult:
            yield Table()

    app = Shows()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(Table)
        table.add_column("n", key="n")
        for n in range(3):
            table.add_row(str(n), key=str(n))
        await pilot.pause()
        for name in ("_show_hover_cursor", "_pseudo_class_state"):
            private_api(table, name, "CellCacheTable")
        rendered.clear()
        table.add_row("3", key="3")
        await pilot.pause()
        assert set(rendered) == {3}, f"rows rendered again after adding row 3: {sorted(set(rendered))}"


def test_the_text_widgets_blink_through_these_methods() -> None:
    assert compat.cursor_blinks() == [(Input, "_toggle_cursor"), (TextArea, "_toggle_cursor_blink_visible")]
    for widget_class, name in compat.cursor_blinks():
        assert callable(private_api(widget_class, name, "cursor_blinks"))


@pilot_test
async def test_app_display_sends_each_frame() -> None:
    private_api(App, "_display", "watch_frames")
    app = TwoModes()
    async with app.run_test() as pilot:
        private_api(app, "_batch_count", "watch_frames")
        frames: list[int] = []
        compat.watch_frames(app, lambda: frames.append(1))
        app.screen.query_one("#text", Static).update("another line")
        await pilot.pause()
        assert frames, "App._display was not called for a frame (watch_frames)"
