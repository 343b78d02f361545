"""The dashboard's plotly figures, one builder per section, from the pandas frames of
tracker.charts.frames.

Each builder returns a Chart: its figure, or no figure and a note saying what to log to get one, so
the page and the images (tracker.charts.images) leave out the same sections.

Plotly reads every label as HTML of its own (`<a href>`, `<b>`, `<br>`, entities): each learner
string a figure shows (topics, titles, kinds, checkpoint names and messages) goes through `_label`,
so a topic named `<a href="...">x</a>` is shown as typed, not made a link.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.charts.frames import OTHER_TOPICS, WEEKDAY_NAMES, ChartFrames
from tracker.charts.terminal import (
    LEVEL_DOUBLE,
    LEVEL_MET,
    LEVEL_NONE,
    LEVEL_QUADRUPLE,
    LEVEL_REST,
    LEVEL_UNDER,
    MAX_FORECAST_DAYS,
    RECENT_PACE_DAYS,
)
from tracker.parse import format_minutes, plural

#: Calendar colours, GitHub-contributions style: grey for nothing, amber under the minimum, then
#: greens for the minimum, twice and four times it; a declared rest day is pale blue.
LEVEL_COLOURS = {
    LEVEL_REST: "#cfe2f3",
    LEVEL_NONE: "#ebedf0",
    LEVEL_UNDER: "#f5c26b",
    LEVEL_MET: "#9be9a8",
    LEVEL_DOUBLE: "#40c463",
    LEVEL_QUADRUPLE: "#216e39",
}
CURRENT_STREAK_COLOUR = "#0969da"
LONGEST_STREAK_COLOUR = "#bf3989"
PASSED_COLOUR, FAILED_COLOUR = "#2da44e", "#cf222e"
#: Eleven distinct colours (frames.MAX_TOPICS topics and one to spare); "other topics" is grey.
TOPIC_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#17becf", "#bcbd22")
OTHER_COLOUR = "#bab0ac"
_GRID = dict(gridcolor="#eaeef2", linecolor="#d0d7de", zerolinecolor="#d0d7de", ticks="", automargin=True)
#: A light look like plotly_white, written out: loading a named template costs ~0.5 s.
TEMPLATE = dict(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", font=dict(color="#1f2328"), hoverlabel=dict(align="left"),
    xaxis=_GRID, yaxis=_GRID, colorway=["#0969da", "#bf8700", "#2da44e", "#cf222e", "#8250df", "#57606a"],
))


@dataclass
class Chart:
    """One section of the dashboard: a figure, or a note saying why there is none."""

    name: str
    heading: str
    figure: go.Figure | None
    note: str = ""


def drawn(charts: Iterable[Chart]) -> list[Chart]:
    """The charts that have a figure, in order (the page's plotly divs, the images)."""
    return [chart for chart in charts if chart.figure is not None]


def build_charts(frames: ChartFrames) -> list[Chart]:
    """The dashboard's sections in reading order; the review chart only once cards are reviewed."""
    charts = [
        calendar_chart(frames),
        strength_chart(frames),
        weekly_chart(frames),
        burnup_chart(frames),
        resources_chart(frames),
        habits_chart(frames),
        checkpoints_chart(frames),
    ]
    if frames.reviews is not None and len(frames.reviews):
        charts.append(reviews_chart(frames))
    return charts


# -- 1. the calendar --------------------------------------------------------------------------
def calendar_chart(frames: ChartFrames) -> Chart:
    cells = frames.calendar
    minimum = frames.daily_minimum
    if frames.calendar_default:
        span = "last 12 months" if frames.end == frames.today else f"12 months to {frames.end}"
        period = f"{span} ({frames.calendar_start} to {frames.end}; --from/--to for another period)"
    else:
        period = f"{frames.calendar_start} to {frames.end}"
    heading = f"Daily study, {period}"
    if not len(frames.sessions) or not cells["minutes"].any():
        return Chart("calendar", heading, None, "No study in this period.")

    labels = [WEEKDAY_NAMES[(frames.week_start_index + step) % 7][:3] for step in range(7)]
    hover = (
        cells["day"].dt.strftime("%a %Y-%m-%d: ")
        + _minutes_text(cells["minutes"])
        + np.where(cells["streak"] > 0, ", streak day " + cells["streak"].astype(str), "")
        + np.where(cells["level"] == LEVEL_REST, ", rest day", "")
        + np.where(cells["stuck"], ", marked stuck", "")
    )
    weeks = cells["week"].dt.strftime("%Y-%m-%d")
    grid = cells.assign(week_label=weeks, hover=hover)
    levels = grid.pivot(index="weekday", columns="week_label", values="level").reindex(range(7))
    texts = grid.pivot(index="weekday", columns="week_label", values="hover").reindex(range(7))

    order = [LEVEL_REST, LEVEL_NONE, LEVEL_UNDER, LEVEL_MET, LEVEL_DOUBLE, LEVEL_QUADRUPLE]
    scale = []
    for rank, level in enumerate(order):
        scale += [[rank / len(order), LEVEL_COLOURS[level]], [(rank + 1) / len(order), LEVEL_COLOURS[level]]]
    names = ["rest day", "none", f"under {format_minutes(minimum)}", f"{format_minutes(minimum)}+",
             f"{format_minutes(2 * minimum)}+", f"{format_minutes(4 * minimum)}+"]
    figure = go.Figure(go.Heatmap(
        x=list(levels.columns), y=labels, z=levels.to_numpy(dtype=float), text=texts.to_numpy(dtype=object),
        hovertemplate="%{text}<extra></extra>", colorscale=scale, zmin=order[0] - 0.5, zmax=order[-1] + 0.5,
        xgap=3, ygap=3, name="minutes",
        colorbar=dict(tickvals=order, ticktext=names, title=dict(text="minutes"), thickness=12, len=1.1),
    ))
    current, longest = frames.current_streak, frames.longest_streak
    streak_traces = [("current", current, CURRENT_STREAK_COLOUR, "in_current")]
    if longest.length and (longest.first, longest.last) != (current.first, current.last):
        streak_traces.append(("longest", longest, LONGEST_STREAK_COLOUR, "in_longest"))
    for label, streak, colour, column in streak_traces:
        shown = grid[grid[column]]
        if not len(shown):
            continue
        figure.add_trace(go.Scatter(
            x=shown["week_label"], y=[labels[i] for i in shown["weekday"]], mode="markers", hoverinfo="skip",
            name=f"{label} streak: {days_text(streak.length)} ({streak.first} to {streak.last})",
            marker=dict(symbol="square-open", size=13, color=colour, line=dict(width=2, color=colour)),
        ))
    summary = (
        f"minimum {format_minutes(minimum)} a day; current streak {days_text(current.length)}, "
        f"longest {days_text(longest.length)}"
        + (f" ({longest.first} to {longest.last})" if longest.length else "")
    )
    figure.update_layout(
        template=TEMPLATE, height=300, title=_title(heading, summary),
        yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=labels, showgrid=False),
        xaxis=dict(showgrid=False, type="date", tickformat="%b %Y"),
        legend=dict(orientation="h", y=-0.2), margin=dict(t=70, b=40, l=50, r=20), plot_bgcolor="white",
    )
    return Chart("calendar", heading, figure)


# -- 1b. the habit strength ------------------------------------------------------------------
STRENGTH_COLOUR = "#2da44e"


def strength_chart(frames: ChartFrames) -> Chart:
    """The habit strength day by day over the period: it forgives a missed day where the streak
    doesn't, so the line shows the habit's trend."""
    heading = f"Habit strength, {frames.start} to {frames.end}"
    days = frames.daily.loc[pd.Timestamp(frames.start):pd.Timestamp(frames.end), "strength"].dropna()
    if not len(frames.sessions) or not len(days):
        return Chart("habit-strength", heading, None, "No study in this period.")
    figure = go.Figure(go.Scatter(
        x=days.index.strftime("%Y-%m-%d"), y=days.round(1), mode="lines", name="habit strength",
        line=dict(color=STRENGTH_COLOUR, width=2), fill="tozeroy", fillcolor="rgba(45, 164, 78, 0.12)",
        hovertemplate="%{x}: %{y:.0f}%<extra></extra>",
    ))
    summary = (f"{frames.habit_strength}% on {frames.end}: each day adds its share of the "
               f"{format_minutes(frames.daily_minimum)} minimum and the past fades with a 13-day half-life")
    figure.update_layout(
        template=TEMPLATE, height=300, title=_title(heading, summary), showlegend=False,
        xaxis=dict(type="date"), yaxis=dict(title="strength", range=[0, 100], ticksuffix="%"),
        margin=dict(t=70, l=50, r=20),
    )
    return Chart("habit-strength", heading, figure)


# -- 2. weekly hours by topic -----------------------------------------------------------------
def weekly_chart(frames: ChartFrames) -> Chart:
    weekly = frames.weekly_topics
    heading = f"Hours per week by topic, {frames.start} to {frames.end}"
    if not len(weekly):
        return Chart("weekly-topics", heading, None, "No study in this period.")
    figure = go.Figure()
    weekly = weekly.assign(label=weekly["week"].dt.strftime("%Y-%m-%d"), iso=weekly["week"].dt.strftime("%G-W%V"))
    for rank, (topic, part) in enumerate(weekly.groupby("topic", sort=False)):
        colour = OTHER_COLOUR if topic == OTHER_TOPICS else TOPIC_COLOURS[rank % len(TOPIC_COLOURS)]
        figure.add_trace(go.Bar(
            x=part["label"], y=part["hours"].round(2), name=_label(topic), customdata=part["iso"], marker_color=colour,
            hovertemplate="%{customdata} (from %{x}): %{y:.1f} h<extra>%{fullData.name}</extra>",
        ))
    weeks = weekly.groupby("week")["hours"].sum()
    summary = f"{frames.total_hours:g} hours in {len(weeks)} weeks; {weeks.mean():.1f} h a week on average"
    figure.update_layout(
        template=TEMPLATE, barmode="stack", height=420, title=_title(heading, summary),
        xaxis=dict(type="date", title="week starting"), yaxis=dict(title="hours"),
        legend=dict(title=dict(text="topic")), margin=dict(t=70, l=50, r=20),
    )
    return Chart("weekly-topics", heading, figure)


# -- 3. burn-up -------------------------------------------------------------------------------
def burnup_chart(frames: ChartFrames) -> Chart:
    plan = frames.burnup_summary
    heading = "Plan burn-up: hours on planned resources against the plan"
    if plan.plan_hours <= 0 and frames.goals:
        figure = go.Figure()
        _add_goal_roads(figure, frames)
        figure.update_layout(
            template=TEMPLATE, height=420, title=_title(heading, "no resource has a planned effort yet; the goals' roads"),
            xaxis=dict(type="date"), yaxis=dict(title="hours", rangemode="tozero"),
            legend=dict(orientation="h", y=-0.15), margin=dict(t=70, l=50, r=20),
        )
        return Chart("burn-up", heading, figure)
    if plan.plan_hours <= 0:
        return Chart("burn-up", heading, None,
                     "No resource has a planned effort yet: give one with "
                     "`tracker resource update NAME --hours 40` (or --fte 0.5) to see the burn-up.")
    burnup = frames.burnup
    weekly_pace = plan.pace_hours_per_day * 7
    if plan.reached:
        outlook = f"plan reached on {plan.reached}"
    elif plan.forecast:
        outlook = (f"at {weekly_pace:.1f} h a week (the last {RECENT_PACE_DAYS // 7} weeks) "
                   f"you finish around {plan.forecast}")
    elif plan.beyond:
        outlook = (f"at {weekly_pace:.1f} h a week (the last {RECENT_PACE_DAYS // 7} weeks) "
                   f"the plan takes more than {MAX_FORECAST_DAYS // 365} years")
    else:
        outlook = f"no time on planned resources in the last {RECENT_PACE_DAYS // 7} weeks, so no forecast yet"
    summary = f"{plan.done_hours:.1f} of {plan.plan_hours:g} planned hours done; {outlook}"
    last = max(frames.end, plan.forecast or frames.end)
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=burnup["day"].dt.strftime("%Y-%m-%d"), y=burnup["hours"].round(2), mode="lines", name="hours done",
        line=dict(color="#0969da", width=2), hovertemplate="%{x}: %{y:.1f} h<extra></extra>",
    ))
    figure.add_trace(go.Scatter(
        x=[frames.start.isoformat(), last.isoformat()], y=[plan.plan_hours, plan.plan_hours], mode="lines",
        name=f"plan: {plan.plan_hours:g} h", line=dict(color="#57606a", dash="dash"),
    ))
    if plan.forecast:
        figure.add_trace(go.Scatter(
            x=[frames.end.isoformat(), plan.forecast.isoformat()], y=[plan.done_hours, plan.plan_hours],
            mode="lines+markers", name=f"forecast: {plan.forecast}", line=dict(color="#bf8700", dash="dot"),
            hovertemplate="%{x}: %{y:.1f} h<extra>forecast</extra>",
        ))
    figure.update_layout(
        template=TEMPLATE, height=420, title=_title(heading, summary),
        xaxis=dict(type="date"), yaxis=dict(title="hours", rangemode="tozero"),
        legend=dict(orientation="h", y=-0.15), margin=dict(t=70, l=50, r=20),
    )
    _add_goal_roads(figure, frames, "y2")
    return Chart("burn-up", heading, figure)


#: The goals' roads, one colour each (after the plan's blue, grey and amber).
GOAL_COLORS = ("#8250df", "#1a7f37", "#cf222e", "#bc4c00", "#0550ae")


def _add_goal_roads(figure: go.Figure, frames: ChartFrames, axis: str = "y") -> None:
    """Each goal in hours as Beeminder draws it: its road (dashed, from where its period starts to
    the target at its end), the hours done on it, and at the last of those its days of buffer.
    `axis` "y2": on a scale of their own, on the right (beside a plan of hundreds of hours, a goal
    of 5 h a week would be a flat line at the bottom)."""
    if axis == "y2" and frames.goals:
        figure.update_layout(yaxis2=dict(title="goal hours", overlaying="y", side="right", rangemode="tozero",
                                         showgrid=False), margin=dict(r=60))
    for index, road in enumerate(frames.goals):
        color = GOAL_COLORS[index % len(GOAL_COLORS)]
        figure.add_trace(go.Scatter(
            x=[road.first.isoformat(), road.last.isoformat()], y=[road.base, road.target], mode="lines",
            name=_label(f"goal: {road.label}"), line=dict(color=color, dash="dash"), yaxis=axis,
            hovertemplate="%{x}: %{y:.1f} h<extra>road</extra>",
        ))
        if not road.days:
            continue
        figure.add_trace(go.Scatter(
            x=[day.isoformat() for day in road.days], y=list(road.hours), mode="lines",
            name=_label(f"done: {road.label}"), line=dict(color=color, width=2), showlegend=False, yaxis=axis,
            hovertemplate="%{x}: %{y:.1f} h<extra></extra>",
        ))
        figure.add_annotation(
            x=road.days[-1].isoformat(), y=road.hours[-1], text=_label(road.buffer_label), showarrow=True,
            arrowhead=0, ax=-40, ay=-30 - 20 * index, font=dict(color=color), yref=axis,
        )


# -- 4. resources -----------------------------------------------------------------------------
def resources_chart(frames: ChartFrames) -> Chart:
    table = frames.resources
    heading = "Resources: planned and spent hours, units done"
    if not len(table):
        return Chart("resources", heading, None,
                     "No resources yet: add one with `tracker resource add TITLE --hours 40 --units 12`.")
    labels = [_label(_short(title, 45)) + ("" if status in ("active",) else f" ({_label(status)})")
              for title, status in zip(table["title"], table["status"])]
    units_text = np.where(
        table["units_total"].notna(),
        table["units_done"].fillna(0).astype(int).astype(str) + "/" + table["units_total"].fillna(0).astype(int).astype(str),
        "",
    )
    figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.03, column_widths=[0.7, 0.3],
                           subplot_titles=("hours: planned and spent (all time)", "units done (chapters, lessons)"))
    figure.add_trace(go.Bar(y=labels, x=table["plan_hours"].round(1), orientation="h", name="planned hours",
                            marker_color="#afb8c1", hovertemplate="%{y}: %{x:g} h planned<extra></extra>"), 1, 1)
    figure.add_trace(go.Bar(y=labels, x=table["spent_hours"].round(1), orientation="h", name="spent hours",
                            marker_color="#0969da", hovertemplate="%{y}: %{x:g} h spent<extra></extra>"), 1, 1)
    figure.add_trace(go.Bar(y=labels, x=(table["units_share"] * 100).round(1), orientation="h", name="units done",
                            text=units_text, textposition="auto", marker_color="#2da44e",
                            hovertemplate="%{y}: %{text} units (%{x:.0f}%)<extra></extra>"), 1, 2)
    planned = table["plan_hours"].notna() & (table["status"] != "dropped")
    summary = (f"{table['spent_hours'].sum():.1f} h spent on {plural(len(table), 'resource')}; "
               f"{table.loc[planned, 'plan_hours'].sum():g} h planned on the {int(planned.sum())} with a plan, "
               "not counting dropped ones")
    figure.update_annotations(font_size=12)
    figure.update_layout(
        template=TEMPLATE, barmode="group", height=170 + 34 * len(table), title=_title(heading, summary),
        yaxis=dict(autorange="reversed"), xaxis2=dict(range=[0, 100], ticksuffix="%"),
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0), margin=dict(t=100, b=70, l=20, r=20),
    )
    return Chart("resources", heading, figure)


# -- 5. when and how --------------------------------------------------------------------------
def habits_chart(frames: ChartFrames) -> Chart:
    heading = f"When and how you study, {frames.start} to {frames.end}"
    if not len(frames.sessions):
        return Chart("when-and-how", heading, None, "No study in this period.")
    stuck = frames.stuck
    stuck_days = int(frames.sessions.loc[frames.sessions["stuck"], "day"].nunique())
    figure = make_subplots(rows=1, cols=3, horizontal_spacing=0.08, subplot_titles=(
        "average minutes a day, by weekday", "hours by activity kind", f"days marked stuck, by topic ({stuck_days})",
    ))
    figure.add_trace(go.Bar(x=[name[:3] for name in frames.weekdays["weekday"]], y=frames.weekdays["minutes"].round(1),
                            name="minutes a day", marker_color="#0969da",
                            hovertemplate="%{x}: %{y:.0f} min a day<extra></extra>"), 1, 1)
    figure.add_trace(go.Bar(x=_labels(frames.kinds["kind"]), y=frames.kinds["hours"].round(2), name="hours",
                            marker_color="#8250df", hovertemplate="%{x}: %{y:.1f} h<extra></extra>"), 1, 2)
    if len(stuck):
        figure.add_trace(go.Bar(
            y=[_label(_short(topic, 28)) for topic in stuck["topic"]], x=stuck["days"], orientation="h", name="stuck days",
            marker_color="#cf222e", customdata=stuck["last"].dt.strftime("%Y-%m-%d"),
            hovertemplate="%{y}: %{x} days, last %{customdata}<extra></extra>",
        ), 1, 3)
        figure.update_yaxes(autorange="reversed", row=1, col=3)
        if stuck["days"].max() <= 10:
            figure.update_xaxes(dtick=1, row=1, col=3)
    else:
        figure.add_annotation(text="no day marked stuck", showarrow=False, xref="x3 domain", yref="y3 domain", x=0.5, y=0.5)
        figure.update_xaxes(visible=False, row=1, col=3)
        figure.update_yaxes(visible=False, row=1, col=3)
    figure.update_layout(template=TEMPLATE, height=380, showlegend=False, title=_title(heading, ""),
                         margin=dict(t=90, l=50, r=20))
    return Chart("when-and-how", heading, figure)


# -- 6. checkpoints and reviews ---------------------------------------------------------------
def checkpoints_chart(frames: ChartFrames) -> Chart:
    runs = frames.checkpoints
    heading = f"Checkpoint results by topic, {frames.start} to {frames.end}"
    if not len(runs):
        return Chart("checkpoints", heading, None,
                     "No checkpoint runs in this period: prove a topic with `tracker check run NAME`.")
    figure = go.Figure()
    for passed, name, colour, symbol in ((True, "passed", PASSED_COLOUR, "circle"), (False, "failed", FAILED_COLOUR, "x")):
        part = runs[runs["passed"] == passed]
        if not len(part):
            continue
        figure.add_trace(go.Scatter(
            x=part["at"].dt.strftime("%Y-%m-%d %H:%M"), y=_labels(part["group"]), mode="markers", name=f"{name} ({len(part)})",
            marker=dict(color=colour, symbol=symbol, size=11),
            customdata=np.stack([_labels(part["checkpoint"]), _labels(part["message"].str.slice(0, 90))], axis=-1),
            hovertemplate="%{customdata[0]}: " + name + " %{x}<br>%{customdata[1]}<extra></extra>",
        ))
    topics = runs["group"].nunique()
    passed_now = runs.groupby("group")["passed"].last()
    summary = f"{plural(len(runs), 'run')} on {plural(topics, 'topic')}; last run passed on {int(passed_now.sum())} of {topics}"
    figure.update_layout(template=TEMPLATE, height=180 + 36 * topics, title=_title(heading, summary),
                         xaxis=dict(type="date"), yaxis=dict(type="category"),
                         legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
                         margin=dict(t=90, l=20, r=20))
    return Chart("checkpoints", heading, figure)


def reviews_chart(frames: ChartFrames) -> Chart:
    reviews = frames.reviews
    heading = f"Cards reviewed per day and the share recalled, {frames.start} to {frames.end}"
    days = reviews["day"].dt.strftime("%Y-%m-%d")
    figure = go.Figure([
        go.Bar(x=days, y=reviews["reviews"], name="reviews", marker_color="#8250df",
               hovertemplate="%{x}: %{y} cards<extra></extra>"),
        go.Scatter(x=days, y=reviews["retention"], name="recalled (not Again)", yaxis="y2", mode="lines+markers",
                   line=dict(color="#1a7f37"), hovertemplate="%{x}: %{y:.0%} recalled<extra></extra>"),
    ])
    total = int(reviews["reviews"].sum())
    recalled = 1 - int(reviews["again"].sum()) / total
    summary = f"{total} reviews on {len(reviews)} days; {recalled:.0%} recalled"
    figure.update_layout(template=TEMPLATE, height=340, title=_title(heading, summary), xaxis=dict(type="date"),
                         yaxis=dict(title="cards"), margin=dict(t=70, l=50, r=50),
                         yaxis2=dict(title="recalled", overlaying="y", side="right", range=[0, 1.05], tickformat=".0%"))
    return Chart("reviews", heading, figure)


# -- helpers ----------------------------------------------------------------------------------
def _title(heading: str, summary: str) -> dict:
    text = f"<b>{_label(heading)}</b>" + (f"<br><span style='font-size:12px'>{_label(summary)}</span>" if summary else "")
    return dict(text=text, x=0, xanchor="left", font=dict(size=16))


def _label(text: object) -> str:
    """A string as plotly shows it as typed: `&`, `<` and `>` as entities. Not quotes: outside a
    tag they are text, and plotly decodes only a few named entities (`&quot;` would show as is)."""
    return html.escape(str(text), quote=False)


def _labels(column: pd.Series) -> pd.Series:
    """`_label` for each text of a column; a missing value (a run without a message) stays missing."""
    return column.map(lambda value: _label(value) if isinstance(value, str) else value)


def _minutes_text(minutes: pd.Series) -> pd.Series:
    """format_minutes for a whole column: 45m, 1h, 1h30m, 0m."""
    hours, rest = minutes // 60, minutes % 60
    return pd.Series(
        np.where(hours == 0, rest.astype(str) + "m",
                 np.where(rest == 0, hours.astype(str) + "h", hours.astype(str) + "h" + rest.astype(str).str.zfill(2) + "m")),
        index=minutes.index,
    )


def days_text(count: int) -> str:
    """A streak's length as the figures and the page say it: "1 day", "3 days"."""
    return f"{count} day" if count == 1 else f"{count} days"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
