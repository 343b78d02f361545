"""The HTML dashboard: every chart of tracker.charts.figures on one self-contained page.

The page embeds plotly.js once and every figure after it, so it opens offline from a file and asks
no network for anything. It is written through tracker.files.atomic_write, so a crash never leaves
half a page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import plotly.io as pio
from plotly.offline import get_plotlyjs

from tracker.charts.figures import Chart, build_charts, days_text, drawn
from tracker.charts.frames import ChartFrames, build_frames
from tracker.config import Settings
from tracker.files import atomic_write
from tracker.store import Journal

DASHBOARD_FILE = "dashboard.html"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass
class Dashboard:
    path: Path
    charts: list[Chart]
    frames: ChartFrames

    @property
    def drawn(self) -> list[Chart]:
        return drawn(self.charts)


def make_dashboard(
    journal: Journal, settings: Settings, today: date, out_dir: Path,
    start: date | None = None, end: date | None = None, now: datetime | None = None,
) -> Dashboard:
    """Build every chart for the period and write out_dir/dashboard.html (atomically)."""
    frames = build_frames(journal, settings, today, start, end)
    charts = build_charts(frames)
    page = dashboard_html(frames, charts, now or datetime.now())
    path = atomic_write(out_dir / DASHBOARD_FILE, page)
    return Dashboard(path, charts, frames)


# -- the page ---------------------------------------------------------------------------------
PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 1rem 1.5rem 3rem; color: #1f2328; background: #fff; }
header p { margin: .2rem 0; color: #57606a; }
section { margin-top: 2rem; }
h2 { font-size: 1.1rem; margin-bottom: .3rem; }
.note { color: #57606a; font-style: italic; }
.empty { font-size: 1.1rem; padding: 1rem; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; }
#chart-errors { color: #cf222e; border: 1px solid #cf222e; padding: .5rem; border-radius: 6px; }
code { background: #f6f8fa; padding: 0 .2rem; border-radius: 3px; }
"""

#: A chart that fails to draw says so on the page instead of leaving a blank space.
ERROR_CATCHER = """
window.chartErrors = [];
function showChartErrors() {
  var box = document.getElementById("chart-errors");
  if (box && window.chartErrors.length) {
    box.hidden = false;
    box.textContent = "A chart failed to draw: " + window.chartErrors.join("; ");
  }
}
window.addEventListener("error", function (e) { window.chartErrors.push(String(e.message)); showChartErrors(); });
window.addEventListener("unhandledrejection", function (e) { window.chartErrors.push(String(e.reason)); showChartErrors(); });
"""


def dashboard_html(frames: ChartFrames, charts: list[Chart], generated: datetime) -> str:
    """The whole page: plotly.js once in the head (only when a chart is drawn), then each chart."""
    head_script = ""
    if drawn(charts):
        head_script = f'<script type="text/javascript">{get_plotlyjs()}</script>'
    sections = []
    for chart in charts:
        if chart.figure is None:
            sections.append(f'<section id="{chart.name}"><h2>{_text(chart.heading)}</h2>'
                            f'<p class="note">{_with_code(chart.note)}</p></section>')
            continue
        div = pio.to_html(chart.figure, full_html=False, include_plotlyjs=False, div_id=f"chart-{chart.name}",
                          config=PLOTLY_CONFIG, default_height=chart.figure.layout.height or 450)
        sections.append(f'<section id="{chart.name}" class="chart">{div}</section>')
    period = f"{frames.start} to {frames.end}"
    if not frames.any_sessions:
        intro = ('<p class="empty">No study sessions in this journal yet. Log one with '
                 '<code>tracker log 30m TOPIC "what you did"</code>, then run <code>tracker charts</code> again.</p>')
    elif not len(frames.sessions):
        intro = f'<p class="empty">No study sessions from {period}.</p>'
    else:
        intro = (f"<p>{frames.total_hours:g} hours on {frames.days_studied} days from {period}; "
                 f"current streak {days_text(frames.current_streak.length)}, longest {days_text(frames.longest_streak.length)}; "
                 f"habit strength {frames.habit_strength}%.</p>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Study dashboard, {_text(period)}</title>
<style>{PAGE_STYLE}</style>
<script type="text/javascript">{ERROR_CATCHER}</script>
{head_script}
</head>
<body>
<header>
<h1>Study dashboard</h1>
{intro}
<p>Made by tracker on {generated:%Y-%m-%d %H:%M}. Hover over a chart for details; it works offline.</p>
</header>
<div id="chart-errors" hidden></div>
{''.join(sections)}
<script type="text/javascript">showChartErrors();</script>
</body>
</html>
"""


# -- helpers ----------------------------------------------------------------------------------
def _text(value: object) -> str:
    return html.escape(str(value))


def _with_code(note: str) -> str:
    """Notes name commands in `backticks`; show them as code."""
    parts = _text(note).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))

