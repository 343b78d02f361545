"""Topics and the learn-later list kept at the end of each chapter."""


from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli.context import state
from tracker.cli.options import AsJson, OnlyTopic
from tracker.cli.output import column, say, show_rows
from tracker.merge import delete_topic, describe, merge_topics
from tracker.study import add_later, finish_later, list_later
from tracker.topics import add_topic, list_topics, update_topic

topic_app = typer.Typer(
    help="Topics you study, with notes. A topic is named by its name or a unique beginning of it, never by a number.",
    no_args_is_help=True,
)
TOPIC_HELP = "The topic's name, or a unique beginning of it."
later_app = typer.Typer(help="Things you want to learn next, per topic.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(topic_app, name="topic")
    app.add_typer(later_app, name="later")


@topic_app.command("add")
def topic_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The topic's name, e.g. Backpropagation.")],
    parent: Annotated[Optional[str], typer.Option("--parent", help="A broader topic it belongs to.")] = None,
    notes: Annotated[Optional[str], typer.Option("--notes", help="Markdown notes for the topic.")] = None,
) -> None:
    """Add a topic (or set its parent and notes)."""
    with state(ctx).open() as journal:
        row = add_topic(journal, name, parent=parent, notes=notes)
    say(f"Topic {row['name']!r} saved.")


@topic_app.command("update")
def topic_update(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=TOPIC_HELP)],
    rename: Annotated[Optional[str], typer.Option("--rename", help="A new name (one already taken: use `topic merge`).")] = None,
    parent: Annotated[Optional[str], typer.Option("--parent", help="A broader topic it belongs to.")] = None,
    notes: Annotated[Optional[str], typer.Option("--notes", help="Markdown notes (replaces the old ones).")] = None,
) -> None:
    """Rename a topic or change its parent or notes."""
    with state(ctx).open() as journal:
        row = update_topic(journal, name, new_name=rename, parent=parent, notes=notes)
    say(f"Topic {row['name']!r} updated.")


@topic_app.command("merge")
def topic_merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The topic to fold in and remove (name or unique beginning).")],
    target: Annotated[str, typer.Argument(metavar="INTO", help="The topic that keeps everything (name or unique beginning).")],
) -> None:
    """Move FROM's sessions, learn-later items, cards, subtopics and notes onto INTO, then delete FROM."""
    with state(ctx).open() as journal:
        snapshot = merge_topics(journal, source, target)
    say(describe(snapshot))


@topic_app.command("delete")
def topic_delete(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=TOPIC_HELP)],
) -> None:
    """Delete a topic nothing uses (one with sessions, cards or notes: merge it instead)."""
    with state(ctx).open() as journal:
        snapshot = delete_topic(journal, name)
    say(describe(snapshot))


@topic_app.command("list")
def topic_list(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Topics with time spent, last studied day and open learn-later items."""
    with state(ctx).read() as journal:
        rows = list_topics(journal)
    show_rows(
        rows,
        [column("topic", "name"), column("parent"), ("time", lambda r: parse.format_minutes(r["minutes"])),
         column("last studied", "last_day"), ("to learn", lambda r: r["open_later"] or "")],
        empty="No topics yet: they are created when you log a session.",
        as_json=as_json,
    )


@later_app.command("add")
def later_add(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="The topic it belongs to (created if new).")],
    text: Annotated[str, typer.Argument(help="What you want to learn.")],
) -> None:
    """Add something to learn later."""
    app_state = state(ctx)
    with app_state.open() as journal:
        row = add_later(journal, topic, text, app_state.today())
    say(f"Added #{row['id']} to {row['topic']}: {row['text']}")


@later_app.command("list")
def later_list(
    ctx: typer.Context,
    topic: OnlyTopic = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include items already learned.")] = False,
    as_json: AsJson = False,
) -> None:
    """The learn-later list, by topic."""
    with state(ctx).read() as journal:
        rows = list_later(journal, topic, include_done=show_all)
    show_rows(
        rows,
        [column("id"), column("topic"), column("added", "added_on"), column("done", "done_on"), column("to learn", "text")],
        empty="Nothing on the learn-later list. Add one: tracker later add CNNs \"Why does pooling help?\"",
        as_json=as_json,
    )


@later_app.command("done")
def later_done(
    ctx: typer.Context,
    item: Annotated[int, typer.Argument(help="The item's id (see `tracker later list`).")],
) -> None:
    """Mark a learn-later item as learned."""
    app_state = state(ctx)
    with app_state.open() as journal:
        row = finish_later(journal, item, app_state.today())
    say(f"Learned: {row['text']} ({row['topic']}).")
