"""Spaced-repetition cards: add, list, review in the terminal, read from notes or CSV, export to Anki."""


import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import parse
from tracker.cli.context import state
from tracker.cli.options import AsJson, checked_path
from tracker.cli.output import column, print_json, print_table, say, warn
from tracker.clock import local_text
from tracker.errors import Msg, TrackerError, bad_input
from tracker.files import read_text
from tracker.parse import plural

cards_app = typer.Typer(
    help="Spaced-repetition cards per topic, scheduled with FSRS; review them here or in Anki.",
    no_args_is_help=True,
)

Topic = Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic's cards.")]
CardRef = Annotated[str, typer.Argument(help="The card's id (see `tracker cards list`).")]
NO_BACK = "(no answer yet: add one with `tracker cards edit {id} --back TEXT`)"


def register(app: typer.Typer) -> None:
    from tracker.cli import cards_memory

    cards_memory.register(cards_app)
    app.add_typer(cards_app, name="cards")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _card_table(rows: list, empty: str) -> None:
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import state_name

    print_table(
        rows,
        [column("id"), ("due", lambda r: "suspended" if r.get("suspended") else local_text(r["due"])),
         ("state", state_name), column("topic"), column("tags"),
         ("front", lambda r: _first_line(r["front"]))],
        empty=empty,
    )


def _as_json(rows: list) -> list:
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import state_name

    return [{**row, "due_local": local_text(row["due"]), "state_name": state_name(row)} for row in rows]


@cards_app.command("add")
def cards_add(
    ctx: typer.Context,
    front: Annotated[str, typer.Argument(help="The question side (Markdown).")],
    back: Annotated[str, typer.Argument(help="The answer side (Markdown).")],
    topic: Annotated[str, typer.Option("--topic", "-t", help="The topic it belongs to; a new topic is created.")],
    tag: Annotated[Optional[list[str]], typer.Option("--tag", "-g", help="A tag (repeat for more).")] = None,
) -> None:
    """Add a card; it is due at once."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import add_card

    with state(ctx).open() as journal:
        added = add_card(journal, front, back, topic, tags=tag or [])
    card = added.card
    extra = f" (new topic {card['topic']!r})" if added.topic_created else ""
    say(f"Added card {card['id']} to {card['topic']}{extra}: {_first_line(card['front'])}")


@cards_app.command("list")
def cards_list(ctx: typer.Context, topic: Topic = None, as_json: AsJson = False) -> None:
    """All cards with when each is due (local time)."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import list_cards

    with state(ctx).read() as journal:
        rows = list_cards(journal, topic)
    if as_json:
        print_json(_as_json(rows))
        return
    _card_table(rows, "No cards yet. Add one: tracker cards add \"Why ReLU?\" \"No vanishing gradient for x > 0\" --topic Activations")


@cards_app.command("due")
def cards_due(ctx: typer.Context, topic: Topic = None, as_json: AsJson = False) -> None:
    """The cards due now, longest overdue first."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import due_cards, next_due

    with state(ctx).read() as journal:
        rows = due_cards(journal, topic=topic)
        upcoming = next_due(journal) if not rows else None
    if as_json:
        print_json(_as_json(rows))
        return
    later = f" Next due {local_text(upcoming)}." if upcoming else ""
    _card_table(rows, f"No cards due.{later}")
    if rows:
        say(f"\n{len(rows)} due. Review them: tracker cards review")


def _ask(prompt: str) -> Optional[str]:
    """One line from stdin (None at the end of input), after a prompt on stdout."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stdout.write("\n")
        return None
    return line.strip()


@cards_app.command("review")
def cards_review(
    ctx: typer.Context,
    topic: Topic = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Stop after this many cards.")] = None,
) -> None:
    """Review due cards in the terminal.

    Enter shows the answer, then 1 again, 2 hard, 3 good, 4 easy (then Enter); q quits.
    """
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import DailyLimits, due_cards, due_count, next_due
    from tracker.cards.service import checked_retention

    app_state = state(ctx)
    retention = checked_retention(app_state.settings.desired_retention)
    limits = DailyLimits.from_settings(app_state.settings)
    with app_state.open() as journal:
        queue = due_cards(journal, topic=topic, limit=limit, limits=limits)
        done, again = [], []
        if queue:
            say(f"{plural(len(queue), 'card')} due. Enter shows the answer, then 1 again, 2 hard, 3 good, 4 easy; q quits.")
            try:
                _review_loop(journal, queue, topic, limit, retention, done, again, limits)
            except KeyboardInterrupt:  # Ctrl+C ends the session like q; reviews so far are kept
                say("")
        still_due = due_count(journal, topic=topic, limits=limits)
        held_back = due_count(journal, topic=topic) - still_due
        upcoming = next_due(journal)
    if held_back:
        say(f"{plural(held_back, 'more card')} due wait for tomorrow (new_cards_per_day {limits.new_cards}, "
            f"reviews_per_day {limits.reviews}: `tracker config`).")
    if not done and not still_due:
        later = f" Next due {local_text(upcoming)}." if upcoming and not held_back else ""
        say(f"No cards due.{later}")
        return
    say(f"\nReviewed {plural(len(done), 'card')} ({len(again)} again); {still_due} still due.")
    if not still_due and upcoming:
        say(f"Next card due {local_text(upcoming)}.")


def _review_loop(journal, queue: list, topic, limit, retention: float, done: list, again: list, limits) -> None:
    """Show, reveal, rate until the queue is empty or the learner quits; fills done and again."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import RATINGS, due_cards, parse_rating, rate, reveal
    from tracker.spacing import parameters_in_force

    while queue:
        card = queue.pop(0)
        say(f"\n[{len(done) + 1}] {card['topic']} (card {card['id']})")
        say(card["front"])
        started = time.monotonic()
        answer = _ask("Enter: show the answer, q: quit > ")
        if answer is None or answer.lower() == "q":
            return
        shown = reveal(card, retention=retention, parameters=parameters_in_force(journal))
        say("---")
        say(shown.back or NO_BACK.format(id=card["id"]))
        buttons = "  ".join(f"{c.rating} {c.name} ({c.interval})" for c in shown.choices)
        rating = None
        while rating is None:
            answer = _ask(f"{buttons}; q: quit > ")
            if answer is None or answer.lower() == "q":
                return
            try:
                rating = parse_rating(answer)
            except TrackerError as err:
                warn(err.line)
        rated = rate(journal, card, rating, duration_ms=round((time.monotonic() - started) * 1000),
                     retention=retention, day_starts_at=limits.day_starts_at)
        done.append(card["id"])
        if rating == 1:
            again.append(card["id"])
        if rated.leech:
            warn(Msg.LEECH.format(id=card["id"], lapses=rated.lapses))
        else:
            say(f"{RATINGS[rating].capitalize()}: back in {rated.interval} ({local_text(rated.card['due'])}).")
        if not queue and (limit is None or len(done) < limit):
            # Cards rated Again come back after a few minutes, within the same session.
            queue.extend(due_cards(journal, topic=topic, limit=None if limit is None else limit - len(done),
                                   limits=limits))


CardRefs = Annotated[list[str], typer.Argument(help="Card ids (see `tracker cards list`).")]


@cards_app.command("suspend")
def cards_suspend(ctx: typer.Context, card: CardRefs) -> None:
    """Suspend cards: they are never due until unsuspended (a leech is suspended by itself)."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import set_suspended

    with state(ctx).open() as journal:
        rows = set_suspended(journal, card, True)
    say(f"Suspended {plural(len(rows), 'card')}: " + ", ".join(str(row["id"]) for row in rows))


@cards_app.command("unsuspend")
def cards_unsuspend(ctx: typer.Context, card: CardRefs) -> None:
    """Bring suspended cards back (a leech once rewritten); they are due as scheduled, or now."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import set_suspended

    with state(ctx).open() as journal:
        rows = set_suspended(journal, card, False)
    say(f"Unsuspended {plural(len(rows), 'card')}: "
        + ", ".join(f"{row['id']} (due {local_text(row['due'])})" for row in rows))


@cards_app.command("leeches")
def cards_leeches(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Cards forgotten 8 times, suspended until you rewrite them (edit, then unsuspend)."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import leeches

    with state(ctx).read() as journal:
        rows = leeches(journal)
    if as_json:
        print_json(_as_json(rows))
        return
    _card_table(rows, "No leeches: no card has been forgotten 8 times.")


@cards_app.command("edit")
def cards_edit(
    ctx: typer.Context,
    card: CardRef,
    front: Annotated[Optional[str], typer.Option("--front", help="New question side (Markdown).")] = None,
    back: Annotated[Optional[str], typer.Option("--back", help="New answer side (Markdown).")] = None,
    tags: Annotated[Optional[str], typer.Option("--tags", help="New tags, space-separated (\"\" clears them).")] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Move it to this topic.")] = None,
) -> None:
    """Change a card's text, tags or topic.

    Its schedule, reviews and Anki identity stay, so the next Anki export updates the note.
    """
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import update_card

    with state(ctx).open() as journal:
        row = update_card(journal, card, front=front, back=back, tags=tags, topic=topic)
    say(f"Card {row['id']} updated: {_first_line(row['front'])}")


@cards_app.command("delete")
def cards_delete(ctx: typer.Context, card: CardRef) -> None:
    """Delete a card and its review history."""
    # tracker.cards (~7 ms): not for tracker log
    from tracker.cards import delete_card

    with state(ctx).open() as journal:
        row = delete_card(journal, card)
    say(f"Deleted card {row['id']}: {_first_line(row['front'])}")


@cards_app.command("import")
def cards_import(
    ctx: typer.Context,
    source: Annotated[Optional[Path], typer.Argument(callback=checked_path, help="A .csv file with columns front, back, topic (and tags).")] = None,
    anki: Annotated[Optional[Path], typer.Option("--anki", callback=checked_path, help="An Anki .apkg or .colpkg: bring its reviews of tracker's cards back.")] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="With --anki: notes not from tracker become cards in this topic.")] = None,
) -> None:
    """Add cards from a CSV file, or reviews done in Anki (--anki FILE).

    CSV: the header names front, back, topic (and optionally tags). All rows or none: a bad row
    stops the import with its line number. Cards already there (same topic and front) are skipped.

    --anki: the reviews of the notes tracker exported are added (a second import adds none) and
    those cards rescheduled; with --topic, notes made in Anki become cards in that topic.
    """
    if (source is None) == (anki is None):
        raise bad_input(Msg.ANKI_SOURCE, what="both" if source else "neither")
    if anki is not None:
        # the Anki reader (sqlite3, zipfile, genanki, fsrs): only for this import
        from tracker.cards.anki_import import import_anki

        with state(ctx).open() as journal:
            done = import_anki(journal, anki, topic)
        say(done.summary() + ".")
        if done.foreign_skipped:
            say(Msg.ANKI_FOREIGN_SKIPPED.format(count=done.foreign_skipped) + ".")
        return
    if topic is not None:
        raise bad_input(Msg.OPTION_NEEDS, first="--topic", second="--anki")
    # tracker.cards (~7 ms) and its CSV reader: not for tracker log
    from tracker.cards import import_csv

    with state(ctx).open() as journal:
        result = import_csv(journal, source)
    for line in result.warnings:
        warn(line)
    skipped = f"; {result.skipped} already there" if result.skipped else ""
    say(f"Imported {plural(result.added, 'card')} from {source}{skipped}.")
    if result.topics_created:
        say("New topics: " + ", ".join(result.topics_created))


@cards_app.command("from-notes")
def cards_from_notes(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic's notes (needed with --file).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", callback=checked_path, help="Read a Markdown file instead of the topic's notes.")] = None,
) -> None:
    """Make cards from topic notes.

    A fenced block with info string `card` (front, a line ---, back; words after `card` are
    tags), or a paragraph starting `Q:` with a line starting `A:`. Reading again adds no copies.
    """
    # tracker.cards and markdown-it (~35 ms): only for reading notes
    from tracker.cards import sync_from_markdown, sync_from_notes

    if file is not None:
        if not topic:
            raise bad_input(Msg.OPTION_NEEDS, first="--file", second="--topic")
        text = read_text(file, "notes", parse.MAX_NOTE_CHARS)
    with state(ctx).open() as journal:
        if file is not None:
            result = sync_from_markdown(journal, topic, text, str(file))
        else:
            result = sync_from_notes(journal, topic)
    for line in result.problems:
        warn(line)
    say(f"Cards from notes: {result.summary()}.")
    for row in result.missing:
        say(f"Card {row['id']} ({row['topic']}) is no longer in the notes; kept. Delete it with: tracker cards delete {row['id']}")


@cards_app.command("export")
def cards_export(
    ctx: typer.Context,
    anki: Annotated[Path, typer.Option("--anki", callback=checked_path, help="The .apkg file to write, for Anki's File > Import.")],
    topic: Topic = None,
) -> None:
    """Export cards to an Anki package.

    One deck per topic under "ML Study". Importing a newer export into Anki updates the notes
    instead of adding copies. Anki schedules the cards itself.
    """
    # tracker.cards and genanki (~70 ms): only for the Anki export
    from tracker.cards import export_anki

    with state(ctx).read() as journal:
        result = export_anki(journal, anki, topic)
    say(f"Exported {plural(result.notes, 'card')} in {plural(len(result.decks), 'deck')} to {result.path}.")
