"""`tracker group`: a study group on a PostgreSQL server (init, invite, share, status); each
learner's rows stay theirs by the server's row-level security, the group sees what they share."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tracker.cli.context import state
from tracker.cli.options import AsJson
from tracker.cli.output import print_json, say
from tracker.errors import Msg
from tracker.store import shown_location

group_app = typer.Typer(
    help="A study group on a PostgreSQL journal server: the admin runs `group init` and `group invite NAME`; "
         "each learner logs into their own journal (rows private by the server's rules), chooses what to "
         "share with `group share`, and sees everyone's week with `group status`.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(group_app, name="group")


def _server(ctx: typer.Context):  # noqa: ANN202
    """The command's AppState, once its journal is known to be a server's (one line otherwise)."""
    from tracker import group

    app_state = state(ctx)
    group.require_server_location(app_state.location)
    return app_state


def _flag(name: str, what: str) -> object:
    return typer.Option(f"--{name.replace('_', '-')}/--no-{name.replace('_', '-')}", help=f"Share {what} (or stop).",
                        show_default=False)


@group_app.command("init")
def init(ctx: typer.Context) -> None:
    """Make this server journal a study group: schema at head, the tracker_learner role, its
    privileges (run by the server's admin; again at will)."""
    from tracker import group

    app_state = _server(ctx)
    with app_state.open() as journal:
        group.init(journal)
        say(Msg.GROUP_READY.value.format(url=shown_location(journal.location)))


@group_app.command("invite")
def invite(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The learner's role name: lowercase letters, digits and _.")],
    display_name: Annotated[Optional[str], typer.Option("--display-name", help="The name the group sees.")] = None,
) -> None:
    """Add a learner: a login role with a generated password, shown once, and the URL to use."""
    from tracker import group

    app_state = _server(ctx)
    group.check_role_name(name)
    with app_state.open() as journal:
        invitation = group.invite(journal, name, display_name)
    say(Msg.GROUP_INVITED.value.format(name=invitation.name, password=invitation.password, url=invitation.url))


@group_app.command("share")
def share(
    ctx: typer.Context,
    minutes: Annotated[Optional[bool], _flag("minutes", "your daily minutes")] = None,
    days_met: Annotated[Optional[bool], _flag("days_met", "the days you met your minimum")] = None,
    streak: Annotated[Optional[bool], _flag("streak", "your streak")] = None,
    habit: Annotated[Optional[bool], _flag("habit", "your habit strength")] = None,
    checkpoints: Annotated[Optional[bool], _flag("checkpoints", "the checkpoints you passed")] = None,
    titles: Annotated[Optional[bool], _flag("titles", "your week post titles")] = None,
    notes: Annotated[Optional[bool], _flag("notes", "your session notes (private by default)")] = None,
    display_name: Annotated[Optional[str], typer.Option("--display-name", help="The name the group sees.")] = None,
    daily_minimum: Annotated[Optional[int], typer.Option("--daily-minimum", help="Your daily minimum in minutes, for days met and streak.", min=1, max=1440)] = None,
    as_json: AsJson = False,
) -> None:
    """Choose what the group sees of you; with no option, show it."""
    from tracker import group

    flags = {"minutes": minutes, "days_met": days_met, "streak": streak, "habit": habit,
             "checkpoints": checkpoints, "titles": titles, "notes": notes}
    app_state = _server(ctx)
    with app_state.open() as journal:
        now = group.share(journal, flags, display_name, daily_minimum, app_state.settings.daily_minimum)
    if as_json:
        print_json(now)
        return
    shared = [field for field in group.SHARE_FIELDS if now[field]]
    private = [field for field in group.SHARE_FIELDS if not now[field]]
    minimum = now["daily_minimum"]
    say(Msg.GROUP_SHARING.value.format(name=now["display_name"], shared=", ".join(shared) or "nothing",
                                       private=", ".join(private) or "nothing", minimum=minimum))


@group_app.command("status")
def status(
    ctx: typer.Context,
    week: Annotated[Optional[str], typer.Option("--week", help="A day in the week (YYYY-MM-DD, today) or an ISO week (2026-W41).")] = None,
    as_json: AsJson = False,
) -> None:
    """Each member's week: minutes, days the minimum was met, streak, habit strength, checkpoints
    passed (ever and this week), week post title; — where a member doesn't share it."""
    from tracker import group
    from tracker.cli.output import column, print_table
    from tracker.parse import parse_week_day

    app_state = _server(ctx)
    today = app_state.today()
    day = parse_week_day(week, today) if week else today
    with app_state.read() as journal:
        result = group.status(journal, app_state.settings, day, today)
    if as_json:
        print_json(result.as_dict())
        return
    say(result.heading)
    rows = [group.member_cells(member) for member in result.members]
    print_table(rows, [column(title) for title in group.COLUMNS], "no members yet")
