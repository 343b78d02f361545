"""Spaced-repetition cards next to the topics they belong to, scheduled with FSRS, taken to Anki.

Importing this package is cheap (stdlib only): fsrs, markdown-it-py and genanki are imported by
the functions that need them, so `tracker stats` can count due cards without them.

The review loop of any interface is three calls:
    queue = due_cards(journal)                # what to show, longest overdue first
    shown = reveal(card)                      # the back, and what each rating would schedule
    rate(journal, card, "good", duration_ms=...)  # stores the review and reschedules the card
"""

from tracker.cards.anki import AnkiExport, export_anki
from tracker.cards.csv_import import CsvImport, import_csv
from tracker.cards.notes import NoteCard, NotesSync, cards_in_markdown, sync_from_markdown, sync_from_notes
from tracker.cards.service import (
    RATINGS,
    SOURCES,
    STATES,
    AddedCard,
    Rated,
    RatingChoice,
    Reveal,
    add_card,
    card_from_checkpoint_failure,
    card_reviews,
    delete_card,
    due_cards,
    due_count,
    due_summary,
    format_interval,
    get_card,
    list_cards,
    local_text,
    next_due,
    parse_rating,
    rate,
    require_card,
    reveal,
    reviews_between,
    reviews_per_day,
    state_name,
    update_card,
)

__all__ = [
    "RATINGS", "SOURCES", "STATES", "AddedCard", "AnkiExport", "CsvImport", "NoteCard", "NotesSync", "Rated",
    "RatingChoice", "Reveal", "add_card", "card_from_checkpoint_failure", "card_reviews", "cards_in_markdown",
    "delete_card", "due_cards", "due_count", "due_summary", "export_anki", "format_interval", "get_card",
    "import_csv", "list_cards", "local_text", "next_due", "parse_rating", "rate", "require_card", "reveal",
    "reviews_between", "reviews_per_day", "state_name", "sync_from_markdown", "sync_from_notes", "update_card",
]
