"""`tracker goal`: goals beyond the daily minimum (hours or days a week, a resource finished by a
date, hours on a topic by a date), each shown as target against actual."""

from typing import Annotated, Optional

import typer

from tracker.cli.context import state
from tracker.cli.options import AsJson
from tracker.cli.output import print_json, say, show_rows
from tracker.errors import Msg
from tracker.goals import (
    FINISH_RESOURCE,
    TOPIC_HOURS,
    WEEKLY_DAYS,
    WEEKLY_HOURS,
    add_goal,
    describe_goal,
    goal_progress,
    list_goals,
    remove_goal,
)

goal_app = typer.Typer(
    help="Goals beyond the daily minimum: hours or days a week (the week follows week_start), a resource "
         "finished by a date, hours on a topic by a date. `goal list` shows each against what you did.",
    no_args_is_help=True,
)
add_app = typer.Typer(
    help="Add a goal: weekly-hours HOURS, weekly-days DAYS, finish RESOURCE --by DATE, "
         "topic-hours TOPIC HOURS --by DATE.",
    no_args_is_help=True,
)

By = Annotated[Optional[str], typer.Option("--by", help="The due day: YYYY-MM-DD or today (not before today).")]


def register(app: typer.Typer) -> None:
    goal_app.add_typer(add_app, name="add")
    app.add_typer(goal_app, name="goal")


def _add(ctx: typer.Context, kind: str, **given: Optional[str]) -> None:
    app_state = state(ctx)
    with app_state.open() as journal:
        row = add_goal(journal, kind, today=app_state.today(), **given)
    say(f"Added goal #{row['id']}: {describe_goal(row)}.")


@add_app.command("weekly-hours")
def add_weekly_hours(
    ctx: typer.Context,
    hours: Annotated[Optional[str], typer.Argument(help="Hours a week, like 5 or 7.5.")] = None,
) -> None:
    """Study at least HOURS hours a week."""
    _add(ctx, WEEKLY_HOURS, target=hours)


@add_app.command("weekly-days")
def add_weekly_days(
    ctx: typer.Context,
    days: Annotated[Optional[str], typer.Argument(help="Days a week (1-7) that reach the daily minimum.")] = None,
) -> None:
    """Reach the daily minimum on at least DAYS days a week."""
    _add(ctx, WEEKLY_DAYS, target=days)


@add_app.command("finish")
def add_finish(
    ctx: typer.Context,
    resource: Annotated[Optional[str], typer.Argument(help="The resource's whole title (ignoring case).")] = None,
    by: By = None,
) -> None:
    """Finish RESOURCE's planned hours by a date; shows the hours a week that needs against your pace."""
    _add(ctx, FINISH_RESOURCE, resource=resource, due=by)


@add_app.command("topic-hours")
def add_topic_hours(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Argument(help="The topic's whole name (its subtopics count too).")] = None,
    hours: Annotated[Optional[str], typer.Argument(help="Total hours on the topic wanted by the date.")] = None,
    by: By = None,
) -> None:
    """Have HOURS hours in total on TOPIC (and its subtopics) by a date."""
    _add(ctx, TOPIC_HOURS, topic=topic, target=hours, due=by)


@goal_app.command("list")
def goal_list(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Every goal with its target against actual, whether it is on track and its days of buffer."""
    app_state = state(ctx)
    with app_state.read() as journal:
        goals = {row["id"]: row for row in list_goals(journal)}
        progress = goal_progress(journal, app_state.today(), app_state.settings)
    rows = [{**goals[item.id], **item.as_dict(), "goal": describe_goal(goals[item.id])} for item in progress]
    if as_json:
        print_json([{key: value for key, value in row.items() if key != "created_at"} for row in rows])
        return
    show_rows(rows, [("id", lambda r: r["id"]), ("goal", lambda r: r["goal"]), ("progress", lambda r: r["text"])],
              empty=Msg.NO_GOALS.value, as_json=False)


@goal_app.command("remove")
def goal_remove(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="The goal's id (5 or #5, see `goal list`).")],
) -> None:
    """Remove a goal."""
    with state(ctx).open() as journal:
        row = remove_goal(journal, goal_id)
    say(f"Removed goal #{row['id']}: {describe_goal(row)}.")
