"""Moving data in and out: export, import, the demo journal, and where things live."""


import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from tracker import clock, config
from tracker.cli.context import AppState, state
from tracker.cli.home import open_ui_or_print, show_home
from tracker.cli.options import checked_path
from tracker.cli.output import say, warn
from tracker.errors import Msg, bad_input
from tracker.parse import format_minutes, plural
from tracker.store import shown_location


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
    app.command("demo")(demo)
    app.command("where")(where)


def export(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(callback=checked_path, help="A new or empty directory.")],
) -> None:
    """Write the whole journal as CSV and Markdown files (see the README)."""
    # tracker.plaintext (~8 ms with csv): only for export
    from tracker.plaintext import export_journal

    with state(ctx).read() as journal:
        result = export_journal(journal, directory)
    say(f"Exported to {directory}: {result.summary()}.")


def import_(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(callback=checked_path, help="An exported journal directory, or a schedule .csv file.")],
) -> None:
    """Import an exported journal (into an empty journal) or a spreadsheet schedule (.csv)."""
    # tracker.plaintext (~8 ms with csv): only for import
    from tracker.plaintext import import_journal, import_schedule_csv

    app_state = state(ctx)
    if source.is_dir() and (source / "sessions.csv").exists():
        with app_state.open() as journal:
            result = import_journal(journal, source)
        say(f"Imported {source}: {result.summary()}.")
        return
    if source.is_file() and source.suffix.lower() == ".csv":
        with app_state.open() as journal:
            outcome = import_schedule_csv(journal, source, app_state.today())
        for line in outcome.warnings:
            warn(line)
        say(f"Imported {plural(outcome.added, 'session')} from {source}.")
        if outcome.topics_created:
            say("New topics: " + ", ".join(outcome.topics_created))
        if outcome.resources_created:
            say("New resources: " + ", ".join(outcome.resources_created))
        return
    raise bad_input(Msg.IMPORT_SOURCE, path=source)


def demo(
    ctx: typer.Context,
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Print the day's numbers instead of opening the UI.")] = False,
) -> None:
    """Open tracker on a temporary copy of the sample journal (your journal is not touched)."""
    # tracker.sample (~35 ms with markdown-it): only for the demo
    from tracker.sample import make_demo_journal

    app_state = state(ctx)
    folder = Path(tempfile.mkdtemp(prefix="tracker-demo-"))
    now = clock.now()
    path = make_demo_journal(folder, app_state.today(), now=now, settings=app_state.settings)
    demo_state = AppState(db=str(path), debug=app_state.debug)
    say(f"Demo journal (a temporary copy of the sample): {path}\n")
    if not no_ui and open_ui_or_print(demo_state):
        # The learner saw it in the UI: leave no litter, and say so (what was printed above now
        # names a deleted file) with where their own journal is.
        shutil.rmtree(folder, ignore_errors=True)
        say(Msg.DEMO_ENDED.value.format(journal=shown_location(app_state.location)))
        return
    if no_ui:
        show_home(demo_state)
        _show_demo_timer(demo_state, path, now)
    say(f"\nTry: tracker --db {path} sessions --week today (the demo journal stays until you delete it)")


def _show_demo_timer(demo_state: AppState, path: Path, now: datetime) -> None:
    """The timer the demo started (the day's numbers above don't show one)."""
    from tracker.timer import current_timer

    with demo_state.read() as journal:
        timer = current_timer(journal)
    if timer is not None:
        say("\n" + Msg.DEMO_TIMER.value.format(
            topic=timer.topic, resource=f" ({timer.resource})" if timer.resource else "",
            since=timer.started_at.astimezone().strftime("%H:%M"), elapsed=format_minutes(timer.minutes(now)),
            path=path))


def where(ctx: typer.Context) -> None:
    """Print where the journal, settings and template overrides live."""
    app_state = state(ctx)
    say(f"journal:    {shown_location(app_state.location)}")
    say("backups:    beside the journal, as <name>.v<N>-<time>.bak")
    say(f"settings:   {config.config_file()}")
    say(f"templates:  {config.template_override_directory()}")
    say(f"data dir:   {config.data_directory()}")
