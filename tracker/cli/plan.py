"""The plan: resources with planned effort and cost, and project milestones."""


from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli.context import state
from tracker.cli.options import DATE_HELP, AsJson, OnDay
from tracker.cli.output import column, progress_bar, say, show_rows, unit_progress
from tracker.merge import delete_resource, describe, merge_resources
from tracker.plan import (
    add_milestone,
    add_resource,
    finish_milestone,
    finish_resource,
    list_milestones,
    list_resources,
    record_progress,
    update_milestone,
    update_resource,
)

resource_app = typer.Typer(
    help="Courses, books and links: planned effort, cost, progress. A resource is named by its title, "
         "its id (see `resource list`) or a unique beginning of the title.",
    no_args_is_help=True,
)
milestone_app = typer.Typer(
    help="Project milestones with due dates. Titles may repeat, so a milestone is named by its id "
         "(5 or #5, see `milestone list`), its title, or a unique beginning of it.",
    no_args_is_help=True,
)

RESOURCE_KIND_HELP = "One of: " + ", ".join(parse.RESOURCE_KINDS) + "."
STATUS_HELP = "One of: " + ", ".join(parse.RESOURCE_STATUSES) + "."
NAME_HELP = "The resource's title, its id (5 or #5; a title that is a number wins), or a unique beginning of the title."

Url = Annotated[Optional[str], typer.Option("--url", help="Where it lives.")]
Kind = Annotated[Optional[str], typer.Option("--kind", "-k", help=RESOURCE_KIND_HELP)]
Provider = Annotated[Optional[str], typer.Option("--provider", help="Who offers it (fast.ai, Coursera, MIT OCW...).")]
Hours = Annotated[Optional[str], typer.Option("--hours", help="Planned effort in hours.")]
Fte = Annotated[Optional[str], typer.Option("--fte", help="Planned effort in FTE points (1 = one semester paper).")]
Cost = Annotated[Optional[str], typer.Option("--cost", help="What it costs you.")]
Units = Annotated[Optional[str], typer.Option("--units", help="How many chapters, lessons or lectures it has.")]
Status = Annotated[Optional[str], typer.Option("--status", help=STATUS_HELP)]
ResourceName = Annotated[str, typer.Argument(help=NAME_HELP)]
NewTitle = Annotated[Optional[str], typer.Option("--title", help="A new title.")]
NewResourceTitle = Annotated[Optional[str], typer.Option("--title", help="A new title (one already taken: use `resource merge`).")]

MilestoneName = Annotated[str, typer.Argument(help="The milestone's id (5 or #5), its title, or a unique beginning of it.")]
Project = Annotated[Optional[str], typer.Option("--project", "-p", help="The project it belongs to.")]
Due = Annotated[Optional[str], typer.Option("--due", help=DATE_HELP)]
MilestoneUrl = Annotated[Optional[str], typer.Option("--url", help="A repository or write-up.")]


def register(app: typer.Typer) -> None:
    app.add_typer(resource_app, name="resource")
    app.add_typer(milestone_app, name="milestone")


def _describe(row: dict) -> str:
    units = f", {unit_progress(row)} units" if row["units_total"] else ""
    plan = f"{row['plan_hours']:g}h planned" if row["plan_hours"] is not None else "no plan"
    return f"{row['title']} [{row['status']}]: {row['spent_hours']:g}h spent, {plan}{units}"


@resource_app.command("add")
def resource_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The title, as you'd say it.")],
    url: Url = None, kind: Kind = None, provider: Provider = None, hours: Hours = None, fte: Fte = None,
    cost: Cost = None, units: Units = None, status: Status = None,
) -> None:
    """Add a resource to your plan."""
    with state(ctx).open() as journal:
        row = add_resource(journal, title, url=url, kind=kind, provider=provider, hours=hours, fte=fte,
                           cost=cost, units=units, status=status)
    say(f"Added {_describe(row)}.")


@resource_app.command("list")
def resource_list(
    ctx: typer.Context,
    status: Status = None,
    as_json: AsJson = False,
) -> None:
    """Your plan: planned against spent hours, unit progress, cost and status."""
    app_state = state(ctx)
    with app_state.read() as journal:
        rows = list_resources(journal, app_state.settings.fte_hours, status)
    show_rows(
        rows,
        [column("id"), column("title"), column("kind"), column("status"), column("spent h", "spent_hours"),
         column("plan h", "plan_hours"), column("fte", "fte_points"), column("cost"),
         ("progress", lambda r: f"{progress_bar(r['units_done'], r['units_total'], 10)} {unit_progress(r)}" if r["units_total"] else "")],
        empty="No resources yet. Add one: tracker resource add \"Hands-On Machine Learning\" --kind book --units 19",
        as_json=as_json,
    )
    if rows and not as_json:
        cost = sum(r["cost"] or 0 for r in rows)
        planned = sum(r["plan_hours"] or 0 for r in rows)
        spent = sum(r["spent_hours"] for r in rows)
        say(f"\n{parse.plural(len(rows), 'resource')}: {spent:g}h spent of {planned:g}h planned; cost {cost:g}.")


@resource_app.command("update")
def resource_update(
    ctx: typer.Context,
    name: ResourceName,
    title: NewResourceTitle = None,
    url: Url = None, kind: Kind = None, provider: Provider = None, hours: Hours = None, fte: Fte = None,
    cost: Cost = None, units: Units = None, status: Status = None,
) -> None:
    """Change a resource's details."""
    with state(ctx).open() as journal:
        row = update_resource(journal, name, title=title, url=url, kind=kind, provider=provider, hours=hours,
                              fte=fte, cost=cost, units=units, status=status)
    say(f"Updated {_describe(row)}.")


@resource_app.command("merge")
def resource_merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The resource to fold in and remove (title, id or unique beginning).")],
    target: Annotated[str, typer.Argument(metavar="INTO", help="The resource that keeps everything (title, id or unique beginning).")],
) -> None:
    """Move FROM's sessions and progress onto INTO (which takes details it lacks), then delete FROM."""
    with state(ctx).open() as journal:
        snapshot = merge_resources(journal, source, target)
    say(describe(snapshot))


@resource_app.command("delete")
def resource_delete(
    ctx: typer.Context,
    name: ResourceName,
) -> None:
    """Delete a resource nothing uses (one with sessions or progress: merge it instead)."""
    with state(ctx).open() as journal:
        snapshot = delete_resource(journal, name)
    say(describe(snapshot))


@resource_app.command("progress")
def resource_progress(
    ctx: typer.Context,
    name: ResourceName,
    units_done: Annotated[str, typer.Argument(help="Units done so far, e.g. 10 for chapter 10 of 19.")],
    day: OnDay = None,
) -> None:
    """Record how far you are (chapter 10 of 19)."""
    app_state = state(ctx)
    on_day = parse.parse_date(day, app_state.today())
    with app_state.open() as journal:
        row = record_progress(journal, name, units_done, on_day, today=app_state.today())
    say(f"Progress: {_describe(row)}.")


@resource_app.command("done")
def resource_done(
    ctx: typer.Context,
    name: ResourceName,
) -> None:
    """Mark a resource finished."""
    app_state = state(ctx)
    with app_state.open() as journal:
        row = finish_resource(journal, name, app_state.today())
    say(f"Finished {_describe(row)}.")


@milestone_app.command("add")
def milestone_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What will be true when it's reached.")],
    project: Project = None,
    due: Due = None,
    url: MilestoneUrl = None,
) -> None:
    """Add a project milestone."""
    app_state = state(ctx)
    due_day = parse.parse_optional_date(due, app_state.today())
    with app_state.open() as journal:
        row = add_milestone(journal, title, project=project, due=due_day, url=url, today=app_state.today())
    say(f"Added milestone #{row['id']} {row['title']!r}" + (f", due {row['due']}." if row["due"] else "."))


@milestone_app.command("list")
def milestone_list(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only milestones not reached yet.")] = False,
    as_json: AsJson = False,
) -> None:
    """Milestones by project, open ones first by due date."""
    app_state = state(ctx)
    with app_state.read() as journal:
        rows = list_milestones(journal, include_done=not open_only)
    today = app_state.today().isoformat()
    show_rows(
        rows,
        [column("id"), column("project"), column("title"), column("due"),
         ("state", lambda r: f"done {r['done_on']}" if r["done_on"] else ("OVERDUE" if r["due"] and r["due"] < today else "open")),
         column("url")],
        empty="No milestones yet. Add one: tracker milestone add \"MNIST net from scratch\" --due 2026-12-01",
        as_json=as_json,
    )


@milestone_app.command("update")
def milestone_update(
    ctx: typer.Context,
    name: MilestoneName,
    title: NewTitle = None,
    project: Project = None,
    due: Due = None,
    url: MilestoneUrl = None,
    reopen: Annotated[bool, typer.Option("--reopen", help="Mark it not reached after all.")] = False,
) -> None:
    """Change a milestone's title, project, due date or link."""
    app_state = state(ctx)
    due_day = parse.parse_optional_date(due, app_state.today())
    with app_state.open() as journal:
        row = update_milestone(journal, name, title=title, project=project, due=due_day, url=url, reopen=reopen)
    say(f"Updated milestone #{row['id']} {row['title']!r}" + (f", due {row['due']}." if row["due"] else "."))


@milestone_app.command("done")
def milestone_done(
    ctx: typer.Context,
    name: MilestoneName,
    day: OnDay = None,
) -> None:
    """Mark a milestone reached."""
    app_state = state(ctx)
    on_day = parse.parse_date(day, app_state.today())
    with app_state.open() as journal:
        row = finish_milestone(journal, name, on_day, today=app_state.today())
    say(f"Reached: {row['title']} ({on_day.isoformat()}). Well done.")
