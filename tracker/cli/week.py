"""The weekly "My Week in ML" post, and the week's note (reflection and plan for next week)."""


import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from tracker import parse
from tracker.cli.compat import parse_as_command, route_to_subcommand
from tracker.cli.context import state
from tracker.cli.output import print_table, say
from tracker.clock import now
from tracker.config import POSTS_FOLDER, Settings, template_override_directory
from tracker.display import shown
from tracker.errors import Msg, bad_input
from tracker.study import get_week_note, set_week_note

#: `--out -` prints the post, also when a posts folder is remembered.
PRINT = "-"
WEEK_HELP = "A day in the week: YYYY-MM-DD, today, yesterday, or an ISO week like 2026-W41 (default: this week)."


class WeekGroup(TyperGroup):
    """`tracker week [DATE] [OPTIONS]` renders; `tracker week note ...` is a subcommand.

    A click group would take `note` for the DATE argument, so a first word that names a
    subcommand is routed to it; anything else is parsed as the group's own DATE and options.
    """

    allow_interspersed_args = True
    allow_extra_args = False

    def parse_args(self, ctx, args):
        if args and args[0] in self.commands:
            parse_as_command(self, ctx, [])
            ctx.meta[_ROUTED] = True
            return route_to_subcommand(ctx, args[0], args[1:])
        return parse_as_command(self, ctx, args)

    def get_params(self, ctx):
        """Under `week note`, the group's DATE is not shown in the usage line (`tracker week note`)."""
        params = super().get_params(ctx)
        if ctx.meta.get(_ROUTED):
            return [param for param in params if param.param_type_name != "argument"]
        return params


_ROUTED = "tracker.week.subcommand"


week_app = typer.Typer(
    cls=WeekGroup,
    invoke_without_command=True,
    subcommand_metavar="| note [DATE] [OPTIONS]",
    help="Write the \"My Week in ML\" post for a week (Markdown for Jekyll or Hugo, or an HTML page).",
)


def register(app: typer.Typer) -> None:
    app.add_typer(week_app, name="week")


@week_app.callback()
def week(
    ctx: typer.Context,
    day: Annotated[Optional[str], typer.Argument(help=WEEK_HELP, metavar="[DATE]", show_default=False)] = None,
    template: Annotated[Optional[str], typer.Option("--template", "-t", help="A template name (jekyll, hugo, or yours) or a template file.", metavar="NAME|PATH")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md (Markdown with front matter) or html (a standalone page).", metavar="md|html")] = "md",
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="A file ending in .md or .html, or a folder (made if missing) to write YYYY-MM-DD-my-week-in-ml.md into (the first folder is remembered); - prints, the default.", metavar="FILE|DIR")] = None,
    save: Annotated[bool, typer.Option("--save", "-s", help="Write into the remembered posts folder (the posts_folder setting).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    list_templates: Annotated[bool, typer.Option("--list-templates", help="Show the templates you can use, and where they are.")] = False,
) -> None:
    """Write the "My Week in ML" post for the week holding DATE (default: this week)."""
    if ctx.invoked_subcommand is not None:
        return
    if list_templates:
        _show_templates()
        return
    # tracker.post (~15 ms): only for tracker week
    from tracker.post import (
        FORMATS,
        compose_week_post,
        output_path,
        remember_posts_folder,
        write_atomic,
    )

    app_state = state(ctx)
    target = out if out is not None else (_posts_folder(app_state.settings) if save else None)
    fmt = parse.choice(fmt, "--format", FORMATS, "md")
    on_day = parse.parse_week_day(day, app_state.today())
    with app_state.read() as journal:
        composed = compose_week_post(journal, on_day, app_state.settings, now(), template=template, fmt=fmt)
    post = composed.post
    if target is None or target.strip() == PRINT:
        # Escape codes in notes are shown, never obeyed (a post has no use for them; --out keeps them).
        sys.stdout.write(shown(composed.text, lines=True))
        return
    path = write_atomic(output_path(target, composed.filename), composed.text, force=force)
    say(f"Wrote {path} ({post.week}, {post.start.isoformat()} to {post.end.isoformat()}).")
    if out is not None and (note := remember_posts_folder(path, composed.filename)):
        say(note)


def _posts_folder(settings: Settings) -> str:
    """The folder `--save` writes into: the one remembered from the first `--out FOLDER`."""
    remembered = settings.folder(POSTS_FOLDER)
    if remembered is None:
        raise bad_input(Msg.NO_POSTS_FOLDER)
    return str(remembered)


def _show_templates() -> None:
    # tracker.post (~15 ms): only for tracker week
    from tracker.post import list_templates

    print_table(
        list_templates(),
        [
            ("name", lambda t: t.name),
            ("origin", lambda t: t.origin + (" (replaces the shipped one)" if t.replaces_shipped else "")),
            ("file", lambda t: t.path),
        ],
        empty="No templates found.",
    )
    say(f"\nYour own templates go in {template_override_directory()} (NAME.md.j2); a file there "
        "replaces a shipped one of the same name.")


@week_app.command("note")
def note(
    ctx: typer.Context,
    day: Annotated[Optional[str], typer.Argument(help=WEEK_HELP, metavar="[DATE]", show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="The reflection's title, e.g. \"The reboot\".")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="The reflection (Markdown).")] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", help="Your plan for next week (Markdown); the post's \"Upcoming Week\".")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the note in $EDITOR (title, reflection and plan).")] = False,
) -> None:
    """Set the week's reflection and plan for next week; with no option, show them."""
    # tracker.post (~15 ms): only for tracker week
    from tracker.post import us_date

    if edit and text is not None:
        raise bad_input(Msg.OPTIONS_CLASH, first="--edit", second="--text")
    app_state = state(ctx)
    name, start, end = parse.week_bounds(parse.parse_week_day(day, app_state.today()), app_state.settings.week_start_index)
    span = f"{name} ({us_date(start)} - {us_date(end)})"
    with app_state.open() as journal:
        current = get_week_note(journal, name) or {"title": "", "reflection": "", "next_plan": ""}
        if edit:
            changes = _edit_note(name, current, title, plan)
            if changes is None:
                say(f"No change: the note for {span} was not saved.")
                return
        elif title is None and text is None and plan is None:
            _show_note(span, current)
            return
        else:
            changes = {"title": title, "reflection": text, "next_plan": plan}
        set_week_note(journal, name, **changes)
    say(f"Saved the note for {span}.")


def _edit_note(name: str, current: dict, title: Optional[str], plan: Optional[str]) -> Optional[dict]:
    """Open $EDITOR prefilled with the note (and any --title/--plan given); None when unchanged."""
    # tracker.post (~15 ms): only for tracker week
    from tracker.post import edit_text, note_to_text, text_to_note

    initial = note_to_text(
        title if title is not None else current["title"],
        current["reflection"],
        plan if plan is not None else current["next_plan"],
    )
    edited = edit_text(initial, stem=f"tracker-{name}")
    if edited is None:
        return None
    parsed = text_to_note(edited)
    return {"title": parsed.title, "reflection": parsed.reflection, "next_plan": parsed.plan}


def _show_note(span: str, current: dict) -> None:
    if not any(current.get(key) for key in ("title", "reflection", "next_plan")):
        say(f"No note for {span}. Write one: tracker week note --title \"The reboot\" --text \"...\" (or --edit)")
        return
    say(f"{span}: {current['title'] or '(no title)'}")
    if current["reflection"]:
        say(f"\n{current['reflection']}")
    if current["next_plan"]:
        say(f"\nPlan for next week:\n{current['next_plan']}")
