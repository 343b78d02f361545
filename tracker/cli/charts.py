"""`tracker charts`: the progress dashboard (one offline HTML page) and, on request, chart images."""


import webbrowser
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import clock, config, parse
from tracker.cli.context import state
from tracker.cli.options import DATE_HELP, checked_path
from tracker.cli.output import say, warn
from tracker.errors import Msg, bad_input


def register(app: typer.Typer) -> None:
    app.command("charts")(charts)


def charts(
    ctx: typer.Context,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", callback=checked_path, help="Folder for dashboard.html and images (default: 'charts' in the data directory).", metavar="DIR")] = None,
    open_page: Annotated[bool, typer.Option("--open", help="Open the dashboard in your web browser.")] = False,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="First day (default: the first session; the calendar shows the last 12 months). " + DATE_HELP)] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Last day (default: today). " + DATE_HELP)] = None,
    png: Annotated[bool, typer.Option("--png", help="Also write each chart as a PNG image (needs Chromium).")] = False,
    svg: Annotated[bool, typer.Option("--svg", help="Also write each chart as an SVG image (needs Chromium).")] = False,
) -> None:
    """Draw your progress: habit calendar, weekly hours by topic, plan burn-up, resources, checkpoints."""
    app_state = state(ctx)
    today = app_state.today()
    first = parse.parse_date(start, today) if start else None
    last = parse.parse_date(end, today) if end else None
    if first and first > (last or today):
        raise bad_input(Msg.DATE_RANGE, start=first, end=last or today)
    formats = [fmt for fmt, wanted in (("png", png), ("svg", svg)) if wanted]
    folder = out or config.data_directory() / "charts"

    # pandas and plotly (~400 ms): only for drawing, once the options are known to be good
    from tracker.charts.dashboard import make_dashboard
    from tracker.charts.images import check_image_support, write_images

    for fmt in formats:
        check_image_support(fmt)
    with app_state.read() as journal:
        dashboard = make_dashboard(journal, app_state.settings, today, folder, first, last, now=clock.now())
    drawn = [chart.name for chart in dashboard.drawn]
    left_out = [chart.name for chart in dashboard.charts if chart.figure is None]
    say(f"Dashboard: {dashboard.path}")
    say(f"Charts: {', '.join(drawn) or 'none (no data yet)'}" + (f"; no data for: {', '.join(left_out)}" if left_out and drawn else ""))
    if formats:
        images = write_images(dashboard.charts, folder, formats)
        say(f"Images: {len(images)} files in {folder} ({', '.join(path.name for path in images[:3])}{', ...' if len(images) > 3 else ''})")
    if open_page:
        if webbrowser.open(dashboard.path.resolve().as_uri()):
            say("Opened in your web browser.")
        else:
            warn(f"no web browser could be started here: open {dashboard.path} yourself.")
